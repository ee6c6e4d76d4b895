using System.Collections.Immutable;
using GoSynth.Environment.Processes;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>Runs <c>make -C &lt;port&gt; [FLAVOR=f] LOCALBASE=&lt;empty&gt; -VVAR…</c> through the process runner.</summary>
internal sealed class MakeInvoker(IProcessRunner runner)
{
    /// <summary>The process runner make calls go through.</summary>
    public IProcessRunner Runner => runner;

    /// <summary>dsynth's 17 variables, in the order their answers are read.</summary>
    public static readonly ImmutableArray<string> MetadataVariables =
    [
        "PKGVERSION", "PKGFILE:T", "ALLFILES", "DIST_SUBDIR", "MAKE_JOBS_NUMBER", "IGNORE",
        "FETCH_DEPENDS", "EXTRACT_DEPENDS", "PATCH_DEPENDS", "BUILD_DEPENDS", "LIB_DEPENDS", "RUN_DEPENDS",
        "SELECTED_OPTIONS", "DESELECTED_OPTIONS", "USE_LINUX", "FLAVORS", "USES",
    ];

    /// <summary>
    /// What every metadata query asks: dsynth's 17 variables (positional, first), then <c>FLAVOR</c> (with no
    /// <c>FLAVOR=</c> given, the port's default flavor: the port may set it itself or order <c>FLAVORS</c> otherwise)
    /// and <c>PKG_ORIGIN</c> (the tree's pkg port, from its framework). Two more lines, no more processes.
    /// </summary>
    public static readonly ImmutableArray<string> QueryVariables = [.. MetadataVariables, "FLAVOR", "PKG_ORIGIN"];

    /// <summary>
    /// The variable asked for after <see cref="QueryVariables"/> when the metadata cache is on: the makefiles make read, so that a port
    /// that includes files from another port's directory (a slave port) is invalidated when that directory changes.
    /// It comes last so that the other lines keep their positions; a make that does not know it prints an empty line.
    /// </summary>
    public const string MakefilesVariable = ".MAKE.MAKEFILES";

    /// <summary><see cref="QueryVariables"/> followed by <see cref="MakefilesVariable"/>.</summary>
    public static readonly ImmutableArray<string> MetadataVariablesWithMakefiles = [.. QueryVariables, MakefilesVariable];

    /// <summary>Runs the metadata query; with <paramref name="withMakefiles"/> it also asks for <see cref="MakefilesVariable"/>.</summary>
    public async Task<(RawMakeOutput Output, string? Makefiles)> QueryMetadataAsync(
        ScanContext context, QueryKey key, bool withMakefiles, CancellationToken cancellationToken)
    {
        if (!withMakefiles)
        {
            return (await QueryAsync(context, key, QueryVariables, context.QueryEnvironment, cancellationToken).ConfigureAwait(false), null);
        }

        var raw = await QueryAsync(context, key, MetadataVariablesWithMakefiles, context.QueryEnvironment, cancellationToken).ConfigureAwait(false);
        return SplitMakefiles(raw);
    }

    /// <summary>
    /// Takes the makefile list (the last line) off a successful answer to <see cref="MetadataVariablesWithMakefiles"/>,
    /// leaving exactly what <see cref="QueryVariables"/> alone would have printed: the parser then sees one line per
    /// variable, 0 lines (not found) or another count (corrupt, with the same count as without the extra variable). An answer that failed,
    /// or has fewer lines than asked for, is left as it is and gives no makefile list.
    /// </summary>
    public static (RawMakeOutput Output, string? Makefiles) SplitMakefiles(RawMakeOutput raw)
    {
        if (!raw.Succeeded || raw.Lines.Length < MetadataVariablesWithMakefiles.Length)
        {
            return (raw, null);
        }

        return (raw with { Lines = raw.Lines[..^1] }, raw.Lines[^1]);
    }

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
        if (context.View is { } view)
        {
            spec = await view.WrapAsync(context, spec, cancellationToken).ConfigureAwait(false);
        }

        var sink = new CapturingOutputSink();
        var result = await runner.RunAsync(spec, sink, cancellationToken).ConfigureAwait(false);
        return new RawMakeOutput(result.Outcome, result.ExitCode, [.. sink.StandardOutputLines], sink.StandardError);
    }
}
