using System.Collections.Immutable;
using GoSynth.Environment.Processes;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>Runs <c>make -C &lt;port&gt; [FLAVOR=f] LOCALBASE=&lt;empty&gt; -VVAR…</c> through the process runner.</summary>
internal sealed class MakeInvoker(IProcessRunner runner)
{
    /// <summary>dsynth's 17 variables, in the order their answers are read.</summary>
    public static readonly ImmutableArray<string> MetadataVariables =
    [
        "PKGVERSION", "PKGFILE:T", "ALLFILES", "DIST_SUBDIR", "MAKE_JOBS_NUMBER", "IGNORE",
        "FETCH_DEPENDS", "EXTRACT_DEPENDS", "PATCH_DEPENDS", "BUILD_DEPENDS", "LIB_DEPENDS", "RUN_DEPENDS",
        "SELECTED_OPTIONS", "DESELECTED_OPTIONS", "USE_LINUX", "FLAVORS", "USES",
    ];

    public Task<RawMakeOutput> QueryMetadataAsync(ScanContext context, QueryKey key, CancellationToken cancellationToken) =>
        QueryAsync(context, key, MetadataVariables, context.QueryEnvironment, cancellationToken);

    public static IReadOnlyList<string> BuildArguments(ScanContext context, QueryKey key, IEnumerable<string> variables)
    {
        var args = new List<string>(24) { "-C", context.PortDirectory(key.Origin) };
        if (key.Flavor is not null)
        {
            args.Add("FLAVOR=" + key.Flavor);
        }

        args.Add("LOCALBASE=" + context.LocalBase);
        foreach (var variable in variables)
        {
            args.Add("-V" + variable);
        }

        return args;
    }

    public async Task<RawMakeOutput> QueryAsync(
        ScanContext context,
        QueryKey key,
        IEnumerable<string> variables,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec(context.MakeProgram, BuildArguments(context, key, variables))
        {
            Environment = environment,
            WorkingDirectory = context.PortDirectory(key.Origin),
            Timeout = context.QueryTimeout,
        };
        var sink = new CapturingOutputSink();
        var result = await runner.RunAsync(spec, sink, cancellationToken).ConfigureAwait(false);
        return new RawMakeOutput(result.Outcome, result.ExitCode, [.. sink.StandardOutputLines], sink.StandardError);
    }
}
