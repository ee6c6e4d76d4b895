using System.CommandLine;
using System.Globalization;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli;

/// <summary>
/// dsynth's flags (its getopt string <c>dhm:p:vxys:DPM:NS</c>) plus go-synth's <c>-C</c>, each with a long form. They go
/// before the directive, as in dsynth, or after it. What each does here, and which are accepted without effect on
/// this platform, is in docs/cli.md.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<bool> Debug { get; } = new("--debug", "-d")
    {
        Description = "Debug details: log messages at debug level, and the full exception behind an error.",
        Recursive = true,
    };

    public Option<string?> Profile { get; } = new("--profile", "-p")
    {
        Description = "Use this profile of dsynth.ini instead of profile_selected (default: $DSYNTH_PROFILE when set).",
        Recursive = true,
    };

    public Option<int?> SlowStart { get; } = new("--slow-start", "-s")
    {
        Description = "Start the throttle at this many builders (slow start; it adds one per step); 0 starts with all of them. Default 1.",
        Recursive = true,
    };

    public Option<bool> Yes { get; } = new("--yes", "-y")
    {
        Description = "Answer yes to every question (needed when standard input is not a terminal).",
        Recursive = true,
    };

    public Option<bool> CheckPlist { get; } = new("--check-plist", "-P")
    {
        Description = "Run the check-plist phase (as Check_plist=true).",
        Recursive = true,
    };

    public Option<bool> Development { get; } = new("--development", "-D")
    {
        Description = "Developer mode: DEVELOPER=yes in the slots' make.conf, and the check-plist phase.",
        Recursive = true,
    };

    public Option<bool> Plain { get; } = new("--plain", "-S")
    {
        Description = "No full-screen display: one line per event on standard output.",
        Recursive = true,
    };

    public Option<bool> NoNice { get; } = new("--no-nice", "-N")
    {
        Description = "dsynth: do not nice the builds. Accepted; GoSynth does not nice them.",
        Recursive = true,
    };

    public Option<double?> MemoryTarget { get; } = new("--memory-target", "-m")
    {
        Description = "dsynth's memory target for installed dependencies, in GB. Accepted; GoSynth's throttle uses the memory in use instead.",
        Recursive = true,
    };

    public Option<double?> Scale { get; } = new("--scale", "-M")
    {
        Description = "dsynth's scale of the load/swap limits (0.01-99). Accepted; GoSynth applies dsynth's limits unscaled.",
        Recursive = true,
    };

    public Option<bool> KeepPackages { get; } = new("--keep-packages", "-x")
    {
        Description = "dsynth: keep packages it would delete before a rebuild. Accepted; GoSynth never deletes a package before it is rebuilt.",
        Recursive = true,
    };

    public Option<string?> ConfigDirectory { get; } = new("--config-dir", "-C")
    {
        Description = "The directory holding dsynth.ini. Default: /etc/dsynth, then /usr/local/etc/dsynth.",
        Recursive = true,
    };

    public GlobalOptions()
    {
        SlowStart.Check<Option<int?>, int?>(v => v is < 0 or > 1024 ? "-s/--slow-start must be between 0 and 1024." : null);
        MemoryTarget.Check<Option<double?>, double?>(v => v <= 0 ? "-m/--memory-target must be a positive number of GB." : null);
        Scale.Check<Option<double?>, double?>(v => v is < 0.01 or > 99
            ? string.Create(CultureInfo.InvariantCulture, $"-M/--scale must be between 0.01 and 99 (got {v}).")
            : null);
    }

    public IEnumerable<Option> All =>
        [Debug, Profile, SlowStart, Yes, CheckPlist, Development, Plain, NoNice, MemoryTarget, Scale, KeepPackages, ConfigDirectory];

    public void AddTo(Command root)
    {
        foreach (var option in All)
        {
            root.Options.Add(option);
        }
    }

    /// <summary>The flags as given on this command line.</summary>
    public GlobalSettings Read(ParseResult parse) => new()
    {
        Debug = parse.GetValue(Debug),
        Profile = ProfileOf(parse.GetValue(Profile)),
        SlowStart = parse.GetValue(SlowStart),
        Yes = parse.GetValue(Yes),
        CheckPlist = parse.GetValue(CheckPlist),
        Development = parse.GetValue(Development),
        Plain = parse.GetValue(Plain),
        ConfigDirectory = parse.GetValue(ConfigDirectory),
    };

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The profile to use: <c>-p</c>, else <c>$DSYNTH_PROFILE</c> as in dsynth, else none (dsynth.ini's choice).</summary>
    public static string? ProfileOf(string? flag) => flag ?? NonEmpty(System.Environment.GetEnvironmentVariable("DSYNTH_PROFILE"));
}
