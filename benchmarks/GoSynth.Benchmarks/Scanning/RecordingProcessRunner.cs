using System.Collections.Concurrent;
using GoSynth.Environment.Processes;

namespace GoSynth.Benchmarks.Scanning;

/// <summary>Records every make call a scan makes, so the plain-loop baseline can run exactly the same ones.</summary>
internal sealed class RecordingProcessRunner(IProcessRunner inner) : IProcessRunner
{
    public ConcurrentQueue<ProcessSpec> Specs { get; } = new();

    public Task<ProcessResult> RunAsync(ProcessSpec spec, IProcessOutputSink? output = null, CancellationToken cancellationToken = default)
    {
        Specs.Enqueue(spec);
        return inner.RunAsync(spec, output, cancellationToken);
    }
}
