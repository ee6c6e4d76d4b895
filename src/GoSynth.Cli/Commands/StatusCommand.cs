using System.CommandLine;
using GoSynth.Cli.Status;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth status [ports…|everything] [--json]</c>: scans the ports (and everything they need) and prints the
/// dry-run queue in build order with each node's state, or the same as JSON (docs/status-json.md).
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var ports = new Argument<string[]>("ports")
        {
            Description = "Ports as category/port, category/port@flavor, category/port@all or a path inside the tree; 'everything' (the default) for the whole tree.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the queue as JSON (schema in docs/status-json.md)." };
        var portsDir = new Option<string?>("--ports-dir") { Description = "The ports tree. Default: the bundled samples/ports when found, else /usr/ports." };
        var profile = new Option<string?>("--profile") { Description = "Target profile: native, freebsd or dragonfly. Default: freebsd on Linux, native on FreeBSD/DragonFly." };
        profile.AcceptOnlyFromAmong("native", "freebsd", "dragonfly");
        var osVersion = new Option<string?>("--os-version") { Description = "Target release for freebsd (default 14.2) or dragonfly (default 6.4)." };
        var arch = new Option<string?>("--arch") { Description = "Target ARCH (default amd64 for freebsd, x86_64 for dragonfly)." };
        var make = new Option<string?>("--make") { Description = "The make program. Default: make on FreeBSD/DragonFly, bmake elsewhere." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Where the metadata cache lives. Default: $XDG_CACHE_HOME/gosynth or ~/.cache/gosynth." };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the metadata cache." };
        var makeConf = new Option<string?>("--make-conf") { Description = "The profile's make.conf (DEFAULT_VERSIONS, per-port options), read by every make query as FreeBSD's sys.mk reads /etc/make.conf. Default: none." };

        var command = new Command("status", "Dry run: scan the ports and show the build queue in build order with each port's state.")
        {
            ports, json, portsDir, profile, osVersion, arch, make, cacheDir, noCache, makeConf,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new StatusSettings
            {
                Ports = parseResult.GetValue(ports) ?? [],
                Json = parseResult.GetValue(json),
                PortsDirectory = parseResult.GetValue(portsDir),
                Profile = parseResult.GetValue(profile),
                OsVersion = parseResult.GetValue(osVersion),
                Architecture = parseResult.GetValue(arch),
                MakeProgram = parseResult.GetValue(make),
                CacheDirectory = parseResult.GetValue(cacheDir),
                NoCache = parseResult.GetValue(noCache),
                MakeConfFile = parseResult.GetValue(makeConf),
            };
            var config = parseResult.InvocationConfiguration;
            return StatusRunner.RunAsync(settings, config.Output, config.Error, cancellationToken);
        });
        return command;
    }
}
