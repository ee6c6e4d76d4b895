using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GoSynth.Pkg.Fingerprints;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Prepares a scan: the MAKESYSPATH stubs, the empty LOCALBASE, the environment, the metadata cache and its context
/// key, and the framework's cacheable variables (from the cache when nothing they depend on changed: the context,
/// the probe port, and the host's compiler and CPU count, see <see cref="HostIdentity"/>).
/// </summary>
internal sealed class ScanContextBuilder(PkgOptions options, MakeInvoker invoker, ILogger logger)
{
    public async Task<(ScanContext Context, MetadataCache? Cache)> BuildAsync(string portsDirectory, CancellationToken cancellationToken)
    {
        var profile = options.ResolveProfile();
        var workDirectory = options.ResolveWorkDirectory();
        var localBase = Path.Combine(workDirectory, "empty");
        Directory.CreateDirectory(localBase);

        var environment = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in profile.Variables)
        {
            environment[name] = value;
        }

        environment["PATH"] = options.SearchPath;
        environment["PORTSDIR"] = portsDirectory;
        environment["__MAKE_CONF"] = "/dev/null";
        var makeSysPath = profile.EnsureMakeSysPath(workDirectory);
        if (makeSysPath is not null)
        {
            environment["MAKESYSPATH"] = makeSysPath;
        }

        var context = new ScanContext
        {
            PortsDirectory = portsDirectory,
            RealPortsDirectory = RealPath.Resolve(portsDirectory),
            MakeProgram = options.ResolveMakeProgram(),
            LocalBase = localBase,
            Profile = profile,
            BaseEnvironment = environment.ToImmutable(),
            QueryTimeout = options.QueryTimeout,
        };

        MetadataCache? cache = null;
        var baseKey = "";
        if (options.CacheDirectory is not null)
        {
            cache = MetadataCache.Open(options.CacheDirectory, portsDirectory, PortFingerprint.Compute, logger);
            cache.BeginScan();
            baseKey = BaseKey(context, cache, cancellationToken);
        }

        var framework = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (options.CacheFrameworkVariables)
        {
            var probe = options.FrameworkProbePort;
            var frameworkKey = cache is null
                ? ""
                : Hash(
                    baseKey,
                    probe,
                    Fingerprint(cache, context.PortDirectory(probe), cancellationToken),
                    HostIdentity.Describe(context.BaseEnvironment, context.PortDirectory(probe)));
            if (cache is null || !cache.TryGetFramework(frameworkKey, out framework))
            {
                (framework, _) = await new FrameworkVariableProbe(invoker, logger).ComputeAsync(context, probe, cancellationToken).ConfigureAwait(false);
                cache?.PutFramework(frameworkKey, framework);
            }
        }

        context = context with { FrameworkVariables = framework };
        cache?.SetContext(Hash(baseKey, string.Join('\n', framework.Select(kv => kv.Key + "=" + kv.Value))));
        return (context, cache);
    }

    private static string BaseKey(ScanContext context, MetadataCache cache, CancellationToken cancellationToken)
    {
        var parts = new List<string>
        {
            "format=" + MetadataCacheFile.FormatVersion.ToString(CultureInfo.InvariantCulture),
            "query=" + string.Join(' ', MakeInvoker.QueryVariables),
            "make=" + context.MakeProgram,
            "ports=" + context.PortsDirectory,
            "localbase=" + context.LocalBase,
            "profile=" + context.Profile.Name,
            "stubs=" + context.Profile.MakeSysPathHash,
            "mk=" + Fingerprint(cache, Path.Combine(context.PortsDirectory, "Mk"), cancellationToken),
        };
        parts.AddRange(context.BaseEnvironment.Where(kv => kv.Key != "MAKESYSPATH").Select(kv => kv.Key + "=" + kv.Value));
        return Hash([.. parts]);
    }

    private static string Fingerprint(MetadataCache cache, string directory, CancellationToken cancellationToken) =>
        cache.Fingerprint(directory, cancellationToken).ToString("x8", CultureInfo.InvariantCulture);

    private static string Hash(params string[] parts) => MetadataCacheFile.HashText(string.Join('\0', parts));
}
