using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GoSynth.Environment.Files;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles.Internal;
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
internal sealed class ScanContextBuilder(PkgOptions options, MakeInvoker invoker, ILogger logger, IReadOnlyList<string>? requestedOrigins = null)
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
            cache = MetadataCache.Open(options.CacheDirectory, portsDirectory, logger);
            cache.BeginScan();
            baseKey = BaseKey(context, cache, cancellationToken);
        }

        var framework = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (options.CacheFrameworkVariables)
        {
            var probe = options.FrameworkProbePort ?? options.BootstrapOrigin
                ?? await FindPkgPortAsync(context, cache, baseKey, cancellationToken).ConfigureAwait(false);
            var frameworkKey = cache is null || probe is null
                ? ""
                : Hash(
                    baseKey,
                    probe,
                    Fingerprint(cache, context.PortDirectory(probe), cancellationToken),
                    HostIdentity.Describe(context.BaseEnvironment, context.PortDirectory(probe)));
            if (probe is null)
            {
                Log.FrameworkProbeMissing(logger, PortScanner.PkgOrigin + " (and no PKG_ORIGIN port)", portsDirectory);
            }
            else if (cache is null || !cache.TryGetFramework(frameworkKey, out framework))
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

    /// <summary>
    /// The tree's pkg port, where the framework variables are computed when no option names the port: <c>ports-mgmt/pkg</c>
    /// when the tree has it, else the tree's <c>PKG_ORIGIN</c> as a port of the tree reads it (a requested one, else the
    /// first of the tree), in one make call whose answer the metadata cache keeps. Null when neither exists.
    /// </summary>
    private async Task<string?> FindPkgPortAsync(ScanContext context, MetadataCache? cache, string baseKey, CancellationToken cancellationToken)
    {
        if (HasPort(context, PortScanner.PkgOrigin))
        {
            return PortScanner.PkgOrigin;
        }

        var starter = (requestedOrigins ?? []).FirstOrDefault(o => HasPort(context, o)) ?? FirstPort(context.PortsDirectory);
        if (starter is null)
        {
            return null;
        }

        var key = cache is null ? "" : Hash(baseKey, "pkg-origin", starter, Fingerprint(cache, context.PortDirectory(starter), cancellationToken));
        string? pkgOrigin = null;
        if (cache is not null && cache.TryGetFramework(key, out var cached) && cached.TryGetValue("PKG_ORIGIN", out var value))
        {
            pkgOrigin = value;
        }
        else
        {
            var answer = await invoker.QueryAsync(context, new QueryKey(starter, null), ["PKG_ORIGIN"], context.BaseEnvironment, cancellationToken)
                .ConfigureAwait(false);
            if (answer.Succeeded && answer.Lines.Length == 1)
            {
                pkgOrigin = answer.Lines[0].Trim().TrimEnd('/');
                cache?.PutFramework(key, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("PKG_ORIGIN", pkgOrigin)]));
            }
        }

        if (pkgOrigin is { Length: > 0 } && Ports.PortId.TryParse(pkgOrigin, out var id) && id.Value.Flavor is null && HasPort(context, pkgOrigin))
        {
            Log.FrameworkProbePortLearned(logger, pkgOrigin, starter);
            return pkgOrigin;
        }

        return null;
    }

    private static bool HasPort(ScanContext context, string origin) =>
        Ports.PortId.TryParse(origin, out _) && File.Exists(Path.Combine(context.PortDirectory(origin), "Makefile"));

    /// <summary>The first port of the tree in ordinal order (a category directory holding a port Makefile), or null.</summary>
    private static string? FirstPort(string portsDirectory)
    {
        foreach (var category in Directory.EnumerateDirectories(portsDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(category);
            if (name is "Mk" or "Tools" or "Templates" or "Keywords" or "distfiles" || name.StartsWith('.'))
            {
                continue;
            }

            var port = Directory.EnumerateDirectories(category).Order(StringComparer.Ordinal)
                .FirstOrDefault(p => File.Exists(Path.Combine(p, "Makefile")));
            if (port is not null)
            {
                return name + "/" + Path.GetFileName(port);
            }
        }

        return null;
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
