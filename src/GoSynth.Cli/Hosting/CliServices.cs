using System.Diagnostics.CodeAnalysis;
using GoSynth.Builder.Configuration;
using GoSynth.BuildDb;
using GoSynth.Cli.Status;
using GoSynth.Environment;
using GoSynth.Pkg;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoSynth.Cli.Hosting;

/// <summary>Whether a directive needs dsynth.ini.</summary>
internal enum ConfigurationUse
{
    /// <summary>dsynth.ini must exist (builds, cleanup, logs, history): its absence is a configuration error.</summary>
    Required,

    /// <summary>dsynth.ini is read when there is one; without one GoSynth's defaults and the bundled sample tree are used (status, why, simulate).</summary>
    Optional,
}

/// <summary>
/// The composition root of <c>gosynth</c>, the one place every directive that needs services gets them from: the
/// configuration (dsynth.ini through <see cref="DsynthConfiguration"/>, with the global flags and scan options applied),
/// logging (warnings on standard error, debug details with <c>-d</c>), and the libraries' services registered by
/// <c>AddGoSynthBuilder</c>; then <see cref="CliHost.ConfigureServices"/> lets an embedder or a test add or replace
/// services; then the options are validated. <c>version</c> and <c>help</c> never build it.
/// </summary>
/// <remarks>A plain <see cref="ServiceCollection"/> rather than the generic host: the CLI runs one directive and exits,
/// and needs none of the host's lifetime, hosted services or configuration providers.</remarks>
internal sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CliServices(ServiceProvider provider, BuilderOptions options)
    {
        _provider = provider;
        Options = options;
    }

    /// <summary>The effective builder configuration (the instance every service of this invocation was given).</summary>
    public BuilderOptions Options { get; }

    public IServiceProvider Provider => _provider;

    /// <summary>The options the scan really uses (ports tree, target profile, make program, cache).</summary>
    public PkgOptions Scan => _provider.GetRequiredService<IOptions<PkgOptions>>().Value;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Reads the configuration and composes the services.</summary>
    /// <exception cref="BuilderConfigurationException">dsynth.ini is missing (when required) or wrong.</exception>
    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public static CliServices Create(CliInvocation invocation, ConfigurationUse use, ScanSettings? scan = null)
    {
        var hasConfiguration = HasConfiguration(invocation, use);
        var minimum = invocation.Global.Debug ? LogLevel.Debug : LogLevel.Warning;
        var services = new ServiceCollection();

        // One provider at one level: a plain logger factory. AddLogging would add filter and factory options whose
        // option monitors the ahead-of-time compiled tool builds about a dozen generic types for at run time.
        services.AddSingleton<ILoggerFactory>(_ => new LoggerFactory([new CliLoggerProvider(invocation.Error, minimum)], new LoggerFilterOptions { MinLevel = minimum }));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));

        // The configuration is read into the one options instance the services are given, when it is first needed.
        services.AddGoSynthBuilder(o => LoadInto(o, invocation, hasConfiguration, scan));
        services.PostConfigure<PkgOptions>(p =>
        {
            if (scan?.NamesTarget == true || !hasConfiguration)
            {
                p.Profile = CliDefaults.Profile(scan?.Target, scan?.OsVersion, scan?.Architecture);
            }

            if (scan?.MakeProgram is { } make)
            {
                p.MakeProgram = make;
            }

            if (scan?.MakeConfFile is { } makeConf)
            {
                p.MakeConfFile = makeConf;
            }

            if (scan?.NoCache == true)
            {
                p.CacheDirectory = null;
            }
        });
        ShareValidatedInstance<BuilderOptions>(services);
        ShareValidatedInstance<PkgOptions>(services);
        ShareValidatedInstance<BuildDbOptions>(services);
        ShareValidatedInstance<EnvironmentOptions>(services);
        invocation.Host.ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new CliServices(provider, provider.GetRequiredService<IOptions<BuilderOptions>>().Value);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>The configuration alone, for directives that need no services (<c>configure</c>, <c>logs</c>).</summary>
    public static BuilderOptions LoadConfiguration(CliInvocation invocation)
    {
        var options = new BuilderOptions();
        LoadInto(options, invocation, hasConfiguration: true, scan: null);
        return options;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>
    /// Makes <see cref="IOptions{TOptions}"/> hand out the instance the start-up validation built and checked. By default
    /// the two are built apart, so every Configure ran twice (dsynth.ini was read twice) and, compiled ahead of time, the
    /// options manager's generic type was built at run time for each options type.
    /// </summary>
    private static void ShareValidatedInstance<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceCollection services)
        where TOptions : class =>
        services.AddSingleton<IOptions<TOptions>>(sp => Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue));

    /// <summary>Whether dsynth.ini is read: always when required, named (<c>-C</c>, <c>-p</c>) or found where a build looks.</summary>
    private static bool HasConfiguration(CliInvocation invocation, ConfigurationUse use) =>
        use == ConfigurationUse.Required || invocation.Global.ConfigDirectory is not null || invocation.Global.Profile is not null
        || DsynthConfiguration.SearchDirectories.Any(d => File.Exists(Path.Combine(d, DsynthConfiguration.FileName)));

    /// <summary>Reads dsynth.ini (or GoSynth's defaults without one) into <paramref name="options"/>, then applies the global flags and scan options.</summary>
    private static void LoadInto(BuilderOptions options, CliInvocation invocation, bool hasConfiguration, ScanSettings? scan)
    {
        var global = invocation.Global;
        if (hasConfiguration)
        {
            DsynthConfiguration.LoadInto(options, global.ConfigDirectory, global.Profile);
        }
        else
        {
            // The default tree is looked for (a walk up from the executable) only when no tree is named.
            options.PortsDirectory = scan?.PortsDirectory ?? CliDefaults.PortsDirectory();
            options.MetadataCacheDirectory = scan?.CacheDirectory ?? CliDefaults.CacheDirectory();
        }

        if (global.SlowStart is { } slowStart)
        {
            options.SlowStart = slowStart;
        }

        if (global.CheckPlist || global.Development)
        {
            options.CheckPlist = true;
        }

        if (global.Development && !options.MakeConf.Any(l => l.TrimStart().StartsWith("DEVELOPER", StringComparison.Ordinal)))
        {
            options.MakeConf = [.. options.MakeConf, "DEVELOPER=yes"];
        }

        if (scan?.PortsDirectory is { } ports)
        {
            options.PortsDirectory = ports;
        }

        if (scan?.CacheDirectory is { } cache)
        {
            options.MetadataCacheDirectory = cache;
        }
    }
}
