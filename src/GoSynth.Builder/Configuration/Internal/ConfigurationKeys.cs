using System.Globalization;

namespace GoSynth.Builder.Configuration.Internal;

/// <summary>Every key dsynth.ini may hold, dsynth's and GoSynth's own, with parsing and documentation.</summary>
internal static class ConfigurationKeys
{
    public const string ProfileSelected = "profile_selected";
    public const string GlobalSection = "Global Configuration";

    public static IReadOnlyList<ConfigurationKey> All { get; } =
    [
        new("Operating_system", (o, v) => o.OperatingSystem = OneOf(v, BuilderOptions.OperatingSystems), o => o.OperatingSystem,
            "The target system: DragonFly or FreeBSD."),
        new("Directory_packages", (o, v) => o.PackagesDirectory = AbsolutePath(v), o => o.PackagesDirectory,
            "Where packages are kept; the repository is its All subdirectory unless Directory_repository says otherwise."),
        new("Directory_repository", (o, v) => o.RepositoryDirectory = AbsolutePath(v), o => o.EffectiveRepositoryDirectory,
            "The package files themselves (pkg's All directory)."),
        new("Directory_portsdir", (o, v) => o.PortsDirectory = AbsolutePath(v), o => o.PortsDirectory,
            "The ports tree."),
        new("Directory_options", (o, v) => o.OptionsDirectory = AbsolutePath(v), o => o.OptionsDirectory,
            "Saved port options (PORT_DBDIR), mounted at /options in each slot."),
        new("Directory_distfiles", (o, v) => o.DistfilesDirectory = AbsolutePath(v), o => o.DistfilesDirectory,
            "Downloaded distfiles, shared by all slots."),
        new("Directory_buildbase", (o, v) => o.BuildBase = AbsolutePath(v), o => o.BuildBase,
            "The Template, the slots SL01, SL02, ... and the build database."),
        new("Directory_logs", (o, v) => o.LogsDirectory = AbsolutePath(v), o => o.LogsDirectory,
            "Logs 00-07, one log per port and the report."),
        new("Directory_ccache", (o, v) => o.CCacheDirectory = v.Equals("disabled", StringComparison.OrdinalIgnoreCase) ? null : AbsolutePath(v),
            o => o.CCacheDirectory ?? "disabled", "A ccache directory, or disabled."),
        new("Directory_system", (o, v) => o.SystemDirectory = AbsolutePath(v), o => o.SystemDirectory,
            "The system mounted read-only into the slots."),
        new("Package_suffix", (o, v) => o.PackageSuffix = OneOf(v, BuilderOptions.PackageSuffixes), o => o.PackageSuffix,
            "Package compression: .tgz .tar .txz .tbz .tzst (pkg 1.17 and later writes .pkg whatever is set)."),
        new("Meta_version", (o, v) => o.MetaVersion = Integer(v, 1, 2), null,
            "The version of the repository's meta file.", Example: "2"),
        new("Number_of_builders", (o, v) => o.NumberOfBuilders = ZeroMeans(Integer(v, 0, 1024), HostDefaults.BuildersForZero),
            o => o.NumberOfBuilders.ToString(CultureInfo.InvariantCulture),
            "Slots building at once, 1-1024; 0 means half the CPUs plus one."),
        new("Max_jobs_per_builder", (o, v) => o.MaxJobsPerBuilder = ZeroMeans(Integer(v, 0, 8192), HostDefaults.JobsForZero),
            o => o.MaxJobsPerBuilder.ToString(CultureInfo.InvariantCulture),
            "MAKE_JOBS_NUMBER of each slot, 1-8192; 0 means the number of CPUs."),
        new("Tmpfs_workdir", (o, v) => o.TmpfsWorkdir = Boolean(v), o => Format(o.TmpfsWorkdir),
            "Build in tmpfs (only true is supported)."),
        new("Tmpfs_localbase", (o, v) => o.TmpfsLocalbase = Boolean(v), o => Format(o.TmpfsLocalbase),
            "Install dependencies into a tmpfs /usr/local (only true is supported)."),
        new("Display_with_ncurses", (o, v) => o.DisplayWithNcurses = Boolean(v), o => Format(o.DisplayWithNcurses),
            "Show the live full-screen view."),
        new("leverage_prebuilt", (o, v) => o.LeveragePrebuilt = Boolean(v), o => Format(o.LeveragePrebuilt),
            "Use prebuilt packages (only false is supported)."),
        new("Check_plist", (o, v) => o.CheckPlist = Boolean(v), null,
            "Run the check-plist phase.", Example: "false"),
        new("Use_usrsrc", (o, v) => o.UseUsrSrc = Boolean(v), null,
            "Mount the system's /usr/src into the slots.", Example: "false"),
        new("Numa_setsize", (o, v) => o.NumaSetsize = Integer(v, 0, 1024), null,
            "Pin slots to blocks of this many cores; 0 disables.", Example: "2"),
        new("Slot_backend", (o, v) => o.SlotBackend = Backend(v), o => o.SlotBackend.ToString().ToLowerInvariant(),
            "How slots isolate builds: auto, linux, bsd or host.", GoSynthOnly: true),
        new("Target_release", (o, v) => o.TargetRelease = Release(v), null,
            "The target's release when the tree is evaluated on another system (e.g. a FreeBSD tree on Linux).", GoSynthOnly: true, Example: "14.2"),
        new("Target_architecture", (o, v) => o.TargetArchitecture = Architecture(v), null,
            "The target's architecture, e.g. amd64; the host's when unset.", GoSynthOnly: true, Example: "amd64"),
        new("Directory_metacache", MetadataCache, null,
            "Where scans cache make's answers (<Directory_buildbase>/metacache when unset), or disabled.", GoSynthOnly: true, Example: "/build/synth/build/metacache"),
        new("Database_path", (o, v) => o.DatabasePath = AbsolutePath(v), null,
            "The build history; <Directory_buildbase>/gosynth.db when unset.", GoSynthOnly: true, Example: "/build/synth/build/gosynth.db"),
        new("Disable_throttle", (o, v) => o.DisableThrottle = Boolean(v), null,
            "Never reduce the builders for load, swap or memory.", GoSynthOnly: true, Example: "false"),
        new("Max_jobs_total", (o, v) => o.MaxJobsTotal = Integer(v, 0, 1_048_576), null,
            "A CPU budget: running builders x Max_jobs_per_builder never exceeds it; 0 sets none.", GoSynthOnly: true, Example: "0"),
        new("Catalog_frame_size", (o, v) => o.CatalogFrameSize = Integer(v, 0, Pkg.Repositories.RepositoryOptions.MaxCompressionFrameSize), null,
            "Bytes per zstd frame of the repository catalog: small frames let a rebuild recompress only what changed, at some size cost; 0 writes one frame.", GoSynthOnly: true, Example: "24576"),
        new("hook_run_start", (o, v) => o.HookRunStart = AbsolutePath(v), null,
            "An executable run when a run starts (dsynth: the file hook_run_start next to dsynth.ini).", GoSynthOnly: true, Example: "/usr/local/etc/dsynth/hook_run_start"),
        new("hook_run_end", (o, v) => o.HookRunEnd = AbsolutePath(v), null,
            "An executable run when a run ends.", GoSynthOnly: true, Example: "/usr/local/etc/dsynth/hook_run_end"),
        new("hook_pkg_success", (o, v) => o.HookPkgSuccess = AbsolutePath(v), null,
            "An executable run for each port built.", GoSynthOnly: true, Example: "/usr/local/etc/dsynth/hook_pkg_success"),
        new("hook_pkg_failure", (o, v) => o.HookPkgFailure = AbsolutePath(v), null,
            "An executable run for each port that failed.", GoSynthOnly: true, Example: "/usr/local/etc/dsynth/hook_pkg_failure"),
        new("hook_pkg_ignored", (o, v) => o.HookPkgIgnored = AbsolutePath(v), null,
            "An executable run for each port ignored.", GoSynthOnly: true, Example: "/usr/local/etc/dsynth/hook_pkg_ignored"),
        new("hook_pkg_skipped", (o, v) => o.HookPkgSkipped = AbsolutePath(v), null,
            "An executable run for each port skipped because a dependency failed.", GoSynthOnly: true, Example: "/usr/local/etc/dsynth/hook_pkg_skipped"),
    ];

    private static readonly Dictionary<string, ConfigurationKey> ByName =
        All.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    public static ConfigurationKey? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The key behind a <see cref="BuilderOptions"/> property, or null.</summary>
    public static string? KeyOf(string property) => property switch
    {
        nameof(BuilderOptions.OperatingSystem) => "Operating_system",
        nameof(BuilderOptions.PackagesDirectory) => "Directory_packages",
        nameof(BuilderOptions.RepositoryDirectory) => "Directory_repository",
        nameof(BuilderOptions.PortsDirectory) => "Directory_portsdir",
        nameof(BuilderOptions.OptionsDirectory) => "Directory_options",
        nameof(BuilderOptions.DistfilesDirectory) => "Directory_distfiles",
        nameof(BuilderOptions.BuildBase) => "Directory_buildbase",
        nameof(BuilderOptions.LogsDirectory) => "Directory_logs",
        nameof(BuilderOptions.CCacheDirectory) => "Directory_ccache",
        nameof(BuilderOptions.SystemDirectory) => "Directory_system",
        nameof(BuilderOptions.PackageSuffix) => "Package_suffix",
        nameof(BuilderOptions.TmpfsWorkdir) => "Tmpfs_workdir",
        nameof(BuilderOptions.TmpfsLocalbase) => "Tmpfs_localbase",
        nameof(BuilderOptions.LeveragePrebuilt) => "leverage_prebuilt",
        nameof(BuilderOptions.TargetRelease) => "Target_release",
        nameof(BuilderOptions.TargetArchitecture) => "Target_architecture",
        nameof(BuilderOptions.MetadataCacheDirectory) => "Directory_metacache",
        nameof(BuilderOptions.DatabasePath) => "Database_path",
        nameof(BuilderOptions.HookRunStart) => "hook_run_start",
        nameof(BuilderOptions.HookRunEnd) => "hook_run_end",
        nameof(BuilderOptions.HookPkgSuccess) => "hook_pkg_success",
        nameof(BuilderOptions.HookPkgFailure) => "hook_pkg_failure",
        nameof(BuilderOptions.HookPkgIgnored) => "hook_pkg_ignored",
        nameof(BuilderOptions.HookPkgSkipped) => "hook_pkg_skipped",
        _ => null,
    };

    /// <summary>The known key closest to <paramref name="name"/> (edit distance at most 3), for "did you mean".</summary>
    public static string? Suggest(string name) => All
        .Select(k => k.Name)
        .Append(ProfileSelected)
        .Select(k => (Key: k, Distance: Distance(k.ToLowerInvariant(), name.ToLowerInvariant())))
        .Where(p => p.Distance <= 3)
        .OrderBy(p => p.Distance)
        .Select(p => p.Key)
        .FirstOrDefault();

    private static int ZeroMeans(int value, int zero) => value == 0 ? zero : value;

    private static string Format(bool value) => value ? "true" : "false";

    private static string OneOf(string value, IReadOnlyList<string> allowed) =>
        allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"'{value}' is not allowed; use one of: {string.Join(' ', allowed)}");

    private static void MetadataCache(BuilderOptions options, string value)
    {
        var disabled = value.Equals("disabled", StringComparison.OrdinalIgnoreCase);
        options.DisableMetadataCache = disabled;
        options.MetadataCacheDirectory = disabled ? null : AbsolutePath(value);
    }

    private static string AbsolutePath(string value) => Path.IsPathFullyQualified(value)
        ? value
        : throw new FormatException($"'{value}' is not an absolute path; write a path starting with /");

    private static int Integer(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"'{value}' is not allowed; use a whole number from {min} to {max}");

    private static bool Boolean(string value) => value.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => throw new FormatException($"'{value}' is not allowed; use true or false (also 1, 0, yes, no)"),
    };

    private static BuilderSlotBackend Backend(string value) => value.ToLowerInvariant() switch
    {
        "auto" => BuilderSlotBackend.Auto,
        "linux" => BuilderSlotBackend.Linux,
        "bsd" => BuilderSlotBackend.Bsd,
        "host" => BuilderSlotBackend.Host,
        _ => throw new FormatException($"'{value}' is not allowed; use one of: auto linux bsd host"),
    };

    private static string Release(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiDigit(c) || c == '.') && value.Count(c => c == '.') == 1 && value[0] != '.' && value[^1] != '.'
            ? value
            : throw new FormatException($"'{value}' is not a release; write it as major.minor, e.g. 14.2");

    private static string Architecture(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? value
            : throw new FormatException($"'{value}' is not an architecture; write it as uname -p prints it, e.g. amd64, aarch64, x86_64");

    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
