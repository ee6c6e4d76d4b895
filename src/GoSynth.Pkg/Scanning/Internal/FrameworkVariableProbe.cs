using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Computes the framework's cacheable variables once per scan, in one make call on one port: it asks for
/// <c>PORTS_ENV_VARS</c> and, through bmake's loop modifier, for every <c>name=value</c> with the value
/// <c>:Q</c>-quoted. Every later query gets them in its environment, so the framework's parse-time probes
/// (compiler version, OS values) do not run again in every port. When the answer cannot be read back exactly
/// (the names disagree, the quoting is not what <c>:Q</c> writes, make failed), it falls back to two calls:
/// <c>PORTS_ENV_VARS</c>, then one <c>-V</c> per value.
/// </summary>
internal sealed class FrameworkVariableProbe(MakeInvoker invoker, ILogger logger)
{
    public const string ListVariable = "PORTS_ENV_VARS";

    /// <summary>Every listed variable as <c>name=value</c>, the value quoted by <c>:Q</c>, joined by spaces.</summary>
    public const string QuotedAssignments = "${" + ListVariable + ":@_gosynth_v@${_gosynth_v}=${${_gosynth_v}:Q}@}";

    /// <summary>The variables and how many make calls it took (0 without a probe port, 1, or 2–3 after a fallback).</summary>
    public async Task<FrameworkProbeResult> ComputeAsync(
        ScanContext context, string probeOrigin, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(context.PortDirectory(probeOrigin)))
        {
            Log.FrameworkProbeMissing(logger, probeOrigin, context.PortsDirectory);
            return new(Empty, 0, Cacheable: true);
        }

        var key = new QueryKey(probeOrigin, null);
        var answer = await invoker.QueryAsync(context, key, [ListVariable, QuotedAssignments], context.BaseEnvironment, cancellationToken).ConfigureAwait(false);
        if (TryRead(answer, out var pairs, out var reason))
        {
            return new(Build(context, probeOrigin, pairs), 1, Cacheable: true);
        }

        if (answer.Outcome != GoSynth.Environment.Processes.ProcessOutcome.Exited)
        {
            // A timeout or a kill would only repeat in the fallback, and is no property of the files: not cached.
            Log.FrameworkProbeFailed(logger, probeOrigin, ListVariable, answer.StandardError);
            return new(Empty, 1, Cacheable: false);
        }

        Log.FrameworkProbeFallback(logger, probeOrigin, reason);
        var fallback = await ComputeWithTwoCallsAsync(context, probeOrigin, cancellationToken).ConfigureAwait(false);
        return fallback with { MakeCalls = fallback.MakeCalls + 1 };
    }

    /// <summary>
    /// Reads the one-call answer: line 1 is <c>PORTS_ENV_VARS</c>, the rest (a value may hold newlines) the quoted
    /// assignments, whose names must be exactly line 1's words in order.
    /// </summary>
    internal static bool TryRead(RawMakeOutput answer, out List<KeyValuePair<string, string>> pairs, out string reason)
    {
        pairs = [];
        if (!answer.Succeeded)
        {
            reason = "make exited with " + answer.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + answer.StandardError;
            return false;
        }

        if (answer.Lines.Length < 2)
        {
            reason = "make printed " + answer.Lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " line(s), expected at least 2";
            return false;
        }

        var names = SplitNames(answer.Lines[0]);
        if (!MakeQuoting.TryParseAssignments(string.Join('\n', answer.Lines.Skip(1)), out pairs))
        {
            reason = "the quoted values are not in the form name=value";
            return false;
        }

        if (!names.SequenceEqual(pairs.Select(p => p.Key), StringComparer.Ordinal))
        {
            reason = "the quoted values name other variables than " + ListVariable;
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>The fallback: <c>PORTS_ENV_VARS</c>, then one <c>-V</c> per name (values holding a newline make it fail).</summary>
    internal async Task<FrameworkProbeResult> ComputeWithTwoCallsAsync(
        ScanContext context, string probeOrigin, CancellationToken cancellationToken)
    {
        var key = new QueryKey(probeOrigin, null);
        var list = await invoker.QueryAsync(context, key, [ListVariable], context.BaseEnvironment, cancellationToken).ConfigureAwait(false);
        if (!list.Succeeded || list.Lines.Length != 1)
        {
            Log.FrameworkProbeFailed(logger, probeOrigin, ListVariable, list.StandardError);
            return new(Empty, 1, Cacheable: list.Outcome == GoSynth.Environment.Processes.ProcessOutcome.Exited);
        }

        var names = SplitNames(list.Lines[0])
            .Where(n => !context.BaseEnvironment.ContainsKey(n))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            return new(Empty, 1, Cacheable: true);
        }

        var values = await invoker.QueryAsync(context, key, names, context.BaseEnvironment, cancellationToken).ConfigureAwait(false);
        if (!values.Succeeded || values.Lines.Length != names.Length)
        {
            Log.FrameworkProbeFailed(logger, probeOrigin, string.Join(' ', names), values.StandardError);
            return new(Empty, 2, Cacheable: values.Outcome == GoSynth.Environment.Processes.ProcessOutcome.Exited);
        }

        return new(Build(context, probeOrigin, names.Select((n, i) => new KeyValuePair<string, string>(n, values.Lines[i]))), 2, Cacheable: true);
    }

    /// <summary>Keeps the first value of each name that the base environment does not already set.</summary>
    private ImmutableSortedDictionary<string, string> Build(ScanContext context, string probeOrigin, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var builder = Empty.ToBuilder();
        foreach (var (name, value) in pairs)
        {
            if (!context.BaseEnvironment.ContainsKey(name) && !builder.ContainsKey(name))
            {
                builder[name] = value;
            }
        }

        if (builder.Count > 0)
        {
            Log.FrameworkVariablesComputed(logger, builder.Count, probeOrigin);
        }

        return builder.ToImmutable();
    }

    private static string[] SplitNames(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static ImmutableSortedDictionary<string, string> Empty =>
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
