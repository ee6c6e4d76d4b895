using System.CommandLine;

namespace GoSynth.Cli.Hosting;

/// <summary>
/// Options of the directives that scan the tree without building (<c>status</c>, <c>why</c>, <c>simulate</c>,
/// <c>purge-distfiles</c>): they override what dsynth.ini says, or stand in for it on a machine without one.
/// </summary>
internal sealed class ScanOptions
{
    public Option<string?> PortsDirectory { get; } = new("--ports-dir")
    {
        Description = "The ports tree. Default: Directory_portsdir of dsynth.ini; without one, the bundled samples/ports when found, else /usr/ports.",
    };

    public Option<string?> Target { get; } = new("--target")
    {
        Description = "Evaluate the tree for: native, freebsd or dragonfly. Default: the configuration's; without one, freebsd on Linux, native on FreeBSD/DragonFly.",
    };

    public Option<string?> OsVersion { get; } = new("--os-version") { Description = "Target release for freebsd (default 14.2) or dragonfly (default 6.4)." };

    public Option<string?> Architecture { get; } = new("--arch") { Description = "Target ARCH (default amd64 for freebsd, x86_64 for dragonfly)." };

    public Option<string?> Make { get; } = new("--make") { Description = "The make program. Default: make on FreeBSD/DragonFly, bmake elsewhere." };

    public Option<string?> CacheDirectory { get; } = new("--cache-dir")
    {
        Description = "Where the metadata cache lives. Default: Directory_metacache; without a configuration, $XDG_CACHE_HOME/gosynth or ~/.cache/gosynth.",
    };

    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Do not read or write the metadata cache." };

    public Option<string?> MakeConf { get; } = new("--make-conf")
    {
        Description = "The profile's make.conf (DEFAULT_VERSIONS, per-port options), read by every make query. Default: the profile's <profile>-make.conf next to dsynth.ini, if any.",
    };

    public ScanOptions()
    {
        Target.AcceptOnlyFromAmong("native", "freebsd", "dragonfly");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { PortsDirectory, Target, OsVersion, Architecture, Make, CacheDirectory, NoCache, MakeConf })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The values given; a path option naming nothing is a usage error.</summary>
    /// <exception cref="CliException">--ports-dir or --make-conf names nothing.</exception>
    public ScanSettings Read(CliInvocation invocation)
    {
        var settings = new ScanSettings
        {
            PortsDirectory = Full(invocation.Get(PortsDirectory)),
            Target = invocation.Get(Target),
            OsVersion = invocation.Get(OsVersion),
            Architecture = invocation.Get(Architecture),
            MakeProgram = invocation.Get(Make),
            CacheDirectory = Full(invocation.Get(CacheDirectory)),
            NoCache = invocation.Get(NoCache),
            MakeConfFile = Full(invocation.Get(MakeConf)),
        };
        if (settings.PortsDirectory is { } ports && !Directory.Exists(ports))
        {
            throw CliException.Usage($"--ports-dir {ports}: no such directory; name the ports tree (the directory holding Mk/ and the categories).");
        }

        if (settings.MakeConfFile is { } makeConf && !File.Exists(makeConf))
        {
            throw CliException.Usage($"--make-conf {makeConf}: no such file.");
        }

        return settings;
    }

    private static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
}
