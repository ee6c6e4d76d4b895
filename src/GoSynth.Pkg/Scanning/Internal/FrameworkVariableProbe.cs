using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Computes the framework's cacheable variables once per scan: asks one port for <c>PORTS_ENV_VARS</c>, then for
/// their values in a single make call. Every later query gets them in its environment, so the framework's
/// parse-time probes (compiler version, OS values) do not run again in every port.
/// </summary>
internal sealed class FrameworkVariableProbe(MakeInvoker invoker, ILogger logger)
{
    public const string ListVariable = "PORTS_ENV_VARS";

    /// <summary>The variables and how many make calls it took (0, 1 or 2).</summary>
    public async Task<(ImmutableSortedDictionary<string, string> Variables, int MakeCalls)> ComputeAsync(
        ScanContext context, string probeOrigin, CancellationToken cancellationToken)
    {
        var empty = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (!Directory.Exists(context.PortDirectory(probeOrigin)))
        {
            Log.FrameworkProbeMissing(logger, probeOrigin, context.PortsDirectory);
            return (empty, 0);
        }

        var key = new QueryKey(probeOrigin, null);
        var list = await invoker.QueryAsync(context, key, [ListVariable], context.BaseEnvironment, cancellationToken).ConfigureAwait(false);
        if (!list.Succeeded || list.Lines.Length != 1)
        {
            Log.FrameworkProbeFailed(logger, probeOrigin, ListVariable, list.StandardError);
            return (empty, 1);
        }

        var names = list.Lines[0]
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(n => !context.BaseEnvironment.ContainsKey(n))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            return (empty, 1);
        }

        var values = await invoker.QueryAsync(context, key, names, context.BaseEnvironment, cancellationToken).ConfigureAwait(false);
        if (!values.Succeeded || values.Lines.Length != names.Length)
        {
            Log.FrameworkProbeFailed(logger, probeOrigin, string.Join(' ', names), values.StandardError);
            return (empty, 2);
        }

        var builder = empty.ToBuilder();
        for (var i = 0; i < names.Length; i++)
        {
            builder[names[i]] = values.Lines[i];
        }

        Log.FrameworkVariablesComputed(logger, names.Length, probeOrigin);
        return (builder.ToImmutable(), 2);
    }
}
