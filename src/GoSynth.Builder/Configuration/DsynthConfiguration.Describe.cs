using System.Collections.Immutable;
using System.Globalization;
using GoSynth.Builder.Configuration.Internal;

namespace GoSynth.Builder.Configuration;

/// <summary>The effective configuration key by key, with where each value came from.</summary>
public static partial class DsynthConfiguration
{
    /// <summary>
    /// Reads the configuration as <see cref="Load"/> does and lists every key (dsynth's and GoSynth's own) with its
    /// effective value and the file, line and section that set it, or none when it is the default.
    /// </summary>
    /// <param name="directory">The directory holding dsynth.ini; null searches <see cref="SearchDirectories"/>.</param>
    /// <param name="profile">The profile to use (dsynth's <c>-p</c>); null uses <c>profile_selected</c>.</param>
    /// <exception cref="BuilderConfigurationException">The file is missing or has an error; the message names file, line and key.</exception>
    public static ImmutableArray<ConfigurationSetting> Describe(string? directory = null, string? profile = null)
    {
        var options = new BuilderOptions();
        var file = FindFile(directory, SearchDirectories);
        LoadFile(options, file, profile);
        var document = IniDocument.Parse(file, System.IO.File.ReadAllText(file));
        var global = document.Find(ConfigurationKeys.GlobalSection);
        var selected = document.Find(options.Profile);
        var result = ImmutableArray.CreateBuilder<ConfigurationSetting>();
        var profileEntry = global?.Entries.FirstOrDefault(e => e.Key.Equals(ConfigurationKeys.ProfileSelected, StringComparison.OrdinalIgnoreCase));
        result.Add(new ConfigurationSetting(
            ConfigurationKeys.ProfileSelected, options.Profile,
            profile is null && profileEntry is not null ? file : null, profile is null ? profileEntry?.Line ?? 0 : 0,
            profile is null && profileEntry is not null ? ConfigurationKeys.GlobalSection : null, false,
            "The profile (section) in use; -p or DSYNTH_PROFILE chooses another."));
        foreach (var key in ConfigurationKeys.All)
        {
            // The profile's own line wins over the global one, as when the file is applied.
            var (entry, section) = Find(selected, key.Name) is { } own ? (own, selected!.Name)
                : Find(global, key.Name) is { } shared ? (shared, ConfigurationKeys.GlobalSection)
                : (null, null);
            result.Add(new ConfigurationSetting(
                key.Name, ValueOf(key, options), entry is null ? null : file, entry?.Line ?? 0, section, key.GoSynthOnly, key.Comment));
        }

        return result.ToImmutable();
    }

    private static IniEntry? Find(IniSection? section, string key) =>
        section?.Entries.LastOrDefault(e => e.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static string ValueOf(ConfigurationKey key, BuilderOptions o)
    {
        static string Bool(bool value) => value ? "true" : "false";
        static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
        return key.Name switch
        {
            "Meta_version" => Int(o.MetaVersion),
            "Check_plist" => Bool(o.CheckPlist),
            "Use_usrsrc" => Bool(o.UseUsrSrc),
            "Numa_setsize" => Int(o.NumaSetsize),
            "Target_release" => o.TargetRelease ?? "",
            "Target_architecture" => o.TargetArchitecture ?? "",
            "Directory_metacache" => o.EffectiveMetadataCacheDirectory ?? "disabled",
            "Database_path" => o.EffectiveDatabasePath,
            "Disable_throttle" => Bool(o.DisableThrottle),
            "Max_jobs_total" => Int(o.MaxJobsTotal),
            "Catalog_frame_size" => Int(o.CatalogFrameSize),
            "hook_run_start" => o.HookRunStart ?? "",
            "hook_run_end" => o.HookRunEnd ?? "",
            "hook_pkg_success" => o.HookPkgSuccess ?? "",
            "hook_pkg_failure" => o.HookPkgFailure ?? "",
            "hook_pkg_ignored" => o.HookPkgIgnored ?? "",
            "hook_pkg_skipped" => o.HookPkgSkipped ?? "",
            _ => key.InitValue?.Invoke(o) ?? "",
        };
    }
}
