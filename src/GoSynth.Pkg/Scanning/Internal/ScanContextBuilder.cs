using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GoSynth.Environment.Files;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles.Internal;
using GoSynth.Pkg.Fingerprints;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Prepares a scan: the private work directory with the MAKESYSPATH stubs and the empty LOCALBASE, the environment,
/// the metadata cache and its context key, and the framework's cacheable variables (from the cache when nothing they
/// depend on changed: the context, the probe port, and the host's compiler and CPU count, see <see cref="HostIdentity"/>).
/// </summary>
/// <remarks>
/// Every query's environment carries what both peers set for a scan: <c>BATCH=yes</c> (interactive ports are
/// ignored), <c>PACKAGE_BUILDING=yes</c> (ports that may not be packaged are ignored) and poudriere's
/// <c>PACKAGE_BUILDING_FLAVORS=yes</c>; and <c>__MAKE_CONF</c>, the profile's make.conf or <c>/dev/null</c>.
/// </remarks>
internal sealed class ScanContextBuilder(PkgOptions options, MakeInvoker invoker, ILogger logger)
{
    /// <summary>The variables every metadata query (and the framework probe) gets, as dsynth and poudriere set them.</summary>
    public static readonly ImmutableSortedDictionary<string, string> ScanVariables = ImmutableSortedDictionary.CreateRange(
        StringComparer.Ordinal,
        [
            new KeyValuePair<string, string>("BATCH", "yes"),
            new KeyValuePair<string, string>("PACKAGE_BUILDING", "yes"),
            new KeyValuePair<string, string>("PACKAGE_BUILDING_FLAVORS", "yes"),
        ]);

    public async Task<(ScanContext Context, MetadataCache? Cache)> BuildAsync(string portsDirectory, CancellationToken cancellationToken)
    {
        var profile = options.ResolveProfile();
        var workDirectory = PrivateDirectory.Ensure(options.ResolveWorkDirectory());
        var localBase = EnsureEmpty(Path.Combine(workDirectory, "empty"));
        var makeConf = options.ResolveMakeConfFile();

        var environment = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in profile.Variables)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in ScanVariables)
        {
            environment[name] = value;
        }

        environment["PATH"] = options.SearchPath;
        environment["PORTSDIR"] = portsDirectory;
        environment["__MAKE_CONF"] = makeConf ?? "/dev/null";
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
        context = context with { View = CreateView(profile, workDirectory) };

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
                var computed = await new FrameworkVariableProbe(invoker, logger).ComputeAsync(context, probe, cancellationToken).ConfigureAwait(false);
                framework = computed.Variables;
                if (computed.Cacheable)
                {
                    cache?.PutFramework(frameworkKey, framework);
                }
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
            "makeconf=" + MakeConfHash(context.BaseEnvironment["__MAKE_CONF"]),
            "view=" + (context.View is null ? "host" : ViewHash(context.View.BaseSystem)),
            "mk=" + Fingerprint(cache, Path.Combine(context.PortsDirectory, "Mk"), cancellationToken),
        };
        parts.AddRange(context.BaseEnvironment.Where(kv => kv.Key != "MAKESYSPATH").Select(kv => kv.Key + "=" + kv.Value));
        return Hash([.. parts]);
    }

    /// <summary>
    /// The target's view for a cross profile on Linux (<see cref="TargetView"/>, started by the first make call), or
    /// null: for the native profile, when it is turned off, or when it cannot be made here (then with one warning, and
    /// the host answers the framework's probes).
    /// </summary>
    private TargetView? CreateView(Profiles.TargetProfile profile, string workDirectory)
    {
        if (!options.UseTargetView || profile.IsNative)
        {
            return null;
        }

        var baseSystem = TargetBaseSystem.For(profile);
        if (TargetView.Unavailable(baseSystem, options.SearchPath) is { } why)
        {
            Log.TargetViewUnavailable(logger, profile.Name, why);
            return null;
        }

        return new TargetView(invoker.Runner, baseSystem!, workDirectory, logger, profile.Name);
    }

    /// <summary>The content of the make.conf (not its name or time): a changed file re-queries, a touched one does not.</summary>
    private static string MakeConfHash(string path)
    {
        if (path == "/dev/null")
        {
            return "none";
        }

        try
        {
            return Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(File.ReadAllBytes(path)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unreadable:" + ex.Message;
        }
    }

    /// <summary>The empty LOCALBASE: a private directory, emptied when anything is found in it.</summary>
    private static string EnsureEmpty(string path)
    {
        var full = PrivateDirectory.Ensure(path);
        foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo { LinkTarget: null } directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        return full;
    }

    private static string ViewHash(TargetBaseSystem baseSystem) =>
        baseSystem.Name + ":" + Hash([.. baseSystem.Entries.Select(e => e.Path + "\t" + e.Kind)]);

    private static string Fingerprint(MetadataCache cache, string directory, CancellationToken cancellationToken) =>
        cache.Fingerprint(directory, cancellationToken).ToString("x8", CultureInfo.InvariantCulture);

    private static string Hash(params string[] parts) => MetadataCacheFile.HashText(string.Join('\0', parts));
}
