namespace GoSynth.Builder.Configuration.Internal;

/// <summary>
/// The default of every dsynth.ini key as the configuration reference (docs/configuration.md) states it. A literal
/// default is a value the parser accepts and that leaves <see cref="BuilderOptions"/> as a fresh instance has it (a test
/// applies each one); the others describe a default that depends on the host or on another key.
/// </summary>
internal static class ConfigurationKeyDefaults
{
    private static readonly Dictionary<string, ConfigurationKeyDefault> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Operating_system"] = Described("the host's system on DragonFly and FreeBSD; FreeBSD on any other host"),
        ["Directory_packages"] = Literal("/build/synth/live_packages"),
        ["Directory_repository"] = Described("`<Directory_packages>/All`"),
        ["Directory_portsdir"] = Literal("/usr/dports"),
        ["Directory_options"] = Literal("/build/synth/options"),
        ["Directory_distfiles"] = Literal("/build/synth/distfiles"),
        ["Directory_buildbase"] = Literal("/build/synth/build"),
        ["Directory_logs"] = Literal("/build/synth/logs"),
        ["Directory_ccache"] = Literal("disabled"),
        ["Directory_system"] = Literal("/"),
        ["Package_suffix"] = Literal(".txz"),
        ["Meta_version"] = Literal("2"),
        ["Number_of_builders"] = Described("min(CPUs / 2, memory in GiB), at least 1"),
        ["Max_jobs_per_builder"] = Literal("8"),
        ["Tmpfs_workdir"] = Literal("true"),
        ["Tmpfs_localbase"] = Literal("true"),
        ["Display_with_ncurses"] = Literal("true"),
        ["leverage_prebuilt"] = Literal("false"),
        ["Check_plist"] = Literal("false"),
        ["Use_usrsrc"] = Literal("false"),
        ["Numa_setsize"] = Literal("0"),
        ["Slot_backend"] = Literal("auto"),
        ["Target_release"] = Described("unset: the host's own system on a BSD host, else 14.2 (FreeBSD) or 6.4 (DragonFly)"),
        ["Target_architecture"] = Described("unset: the host's on a BSD host, else amd64 (FreeBSD) or x86_64 (DragonFly)"),
        ["Directory_metacache"] = Described("`<Directory_buildbase>/metacache`"),
        ["Database_path"] = Described("`<Directory_buildbase>/gosynth.db`"),
        ["Disable_throttle"] = Literal("false"),
        ["Max_jobs_total"] = Literal("0"),
        ["Catalog_frame_size"] = Literal("24576"),
        ["hook_run_start"] = Described("none"),
        ["hook_run_end"] = Described("none"),
        ["hook_pkg_success"] = Described("none"),
        ["hook_pkg_failure"] = Described("none"),
        ["hook_pkg_ignored"] = Described("none"),
        ["hook_pkg_skipped"] = Described("none"),
    };

    /// <summary>The keys that have a stated default.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The default of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The key has no stated default (add one above).</exception>
    public static ConfigurationKeyDefault Of(string key) => ByName.TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"the dsynth.ini key {key} has no stated default; add it to {nameof(ConfigurationKeyDefaults)}.");

    private static ConfigurationKeyDefault Literal(string value) => new(value, IsLiteral: true);

    private static ConfigurationKeyDefault Described(string text) => new(text, IsLiteral: false);
}
