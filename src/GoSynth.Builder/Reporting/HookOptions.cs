using GoSynth.Builder.Configuration;

namespace GoSynth.Builder.Reporting;

/// <summary>
/// dsynth's six hooks (each an executable, null for none) and the directories they are told about.
/// </summary>
public sealed record HookOptions
{
    /// <summary>The hook file names, which are also the dsynth.ini keys.</summary>
    public static IReadOnlyList<string> HookNames { get; } =
        ["hook_run_start", "hook_run_end", "hook_pkg_success", "hook_pkg_failure", "hook_pkg_ignored", "hook_pkg_skipped"];

    /// <summary><c>hook_run_start</c>.</summary>
    public string? RunStart { get; init; }

    /// <summary><c>hook_run_end</c>.</summary>
    public string? RunEnd { get; init; }

    /// <summary><c>hook_pkg_success</c>.</summary>
    public string? PackageSuccess { get; init; }

    /// <summary><c>hook_pkg_failure</c>.</summary>
    public string? PackageFailure { get; init; }

    /// <summary><c>hook_pkg_ignored</c>.</summary>
    public string? PackageIgnored { get; init; }

    /// <summary><c>hook_pkg_skipped</c>.</summary>
    public string? PackageSkipped { get; init; }

    /// <summary><c>PROFILE</c> when no run has named its profile yet.</summary>
    public string Profile { get; init; } = BuilderOptions.DefaultProfile;

    /// <summary><c>DIR_PACKAGES</c>.</summary>
    public string PackagesDirectory { get; init; } = "";

    /// <summary><c>DIR_REPOSITORY</c>.</summary>
    public string RepositoryDirectory { get; init; } = "";

    /// <summary><c>DIR_PORTS</c>.</summary>
    public string PortsDirectory { get; init; } = "";

    /// <summary><c>DIR_OPTIONS</c>.</summary>
    public string OptionsDirectory { get; init; } = "";

    /// <summary><c>DIR_DISTFILES</c>.</summary>
    public string DistfilesDirectory { get; init; } = "";

    /// <summary><c>DIR_LOGS</c>; a failing hook is also noted in <c>07_debug.log</c> there (when set).</summary>
    public string LogsDirectory { get; init; } = "";

    /// <summary><c>DIR_BUILDBASE</c>.</summary>
    public string BuildBase { get; init; } = "";

    /// <summary>The longest a hook may run before it is killed. Ten minutes by default.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>True when any hook is set.</summary>
    public bool Any => RunStart is not null || RunEnd is not null || PackageSuccess is not null || PackageFailure is not null
        || PackageIgnored is not null || PackageSkipped is not null;

    /// <summary>
    /// The hooks of a configuration: a <c>hook_*</c> key when set, otherwise, as dsynth does, an executable file of
    /// that name next to the configuration file.
    /// </summary>
    public static HookOptions FromBuilderOptions(BuilderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.ConfigurationFile is { } file ? Path.GetDirectoryName(file) : null;
        string? Find(string? configured, string name)
        {
            if (configured is not null || directory is null)
            {
                return configured;
            }

            var path = Path.Combine(directory, name);
            return File.Exists(path) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0
                ? path
                : null;
        }

        return new HookOptions
        {
            RunStart = Find(options.HookRunStart, "hook_run_start"),
            RunEnd = Find(options.HookRunEnd, "hook_run_end"),
            PackageSuccess = Find(options.HookPkgSuccess, "hook_pkg_success"),
            PackageFailure = Find(options.HookPkgFailure, "hook_pkg_failure"),
            PackageIgnored = Find(options.HookPkgIgnored, "hook_pkg_ignored"),
            PackageSkipped = Find(options.HookPkgSkipped, "hook_pkg_skipped"),
            Profile = options.Profile,
            PackagesDirectory = options.PackagesDirectory,
            RepositoryDirectory = options.EffectiveRepositoryDirectory,
            PortsDirectory = options.PortsDirectory,
            OptionsDirectory = options.OptionsDirectory,
            DistfilesDirectory = options.DistfilesDirectory,
            LogsDirectory = options.LogsDirectory,
            BuildBase = options.BuildBase,
        };
    }
}
