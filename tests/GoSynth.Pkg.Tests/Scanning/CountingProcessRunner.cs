using System.Collections.Concurrent;
using GoSynth.Environment.Processes;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>Wraps a runner and records every spec it runs.</summary>
internal sealed class CountingProcessRunner(IProcessRunner inner) : IProcessRunner
{
    private readonly ConcurrentQueue<ProcessSpec> _specs = new();

    public IReadOnlyList<ProcessSpec> Specs => [.. _specs];

    public int Count => _specs.Count;

    /// <summary>The metadata queries (dsynth's 17 -V arguments, plus -V.MAKE.MAKEFILES with the cache on) as "origin" or "origin@flavor".</summary>
    public IReadOnlyList<string> MetadataQueries => [.. _specs
        .Where(s => s.Arguments.Contains("-VPKGVERSION"))
        .Select(Describe)
        .Order(StringComparer.Ordinal)];

    public void Clear() => _specs.Clear();

    public Task<ProcessResult> RunAsync(ProcessSpec spec, IProcessOutputSink? output = null, CancellationToken cancellationToken = default)
    {
        _specs.Enqueue(spec);
        return inner.RunAsync(spec, output, cancellationToken);
    }

    private static string Describe(ProcessSpec spec)
    {
        var args = spec.Arguments.ToList();
        var dir = args[args.IndexOf("-C") + 1];
        var parts = dir.Split('/');
        var origin = parts[^2] + "/" + parts[^1];
        var flavor = spec.Arguments.FirstOrDefault(a => a.StartsWith("FLAVOR=", StringComparison.Ordinal));
        return flavor is null ? origin : origin + "@" + flavor["FLAVOR=".Length..];
    }
}
