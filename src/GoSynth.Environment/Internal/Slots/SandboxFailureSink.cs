using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>
/// Passes a Linux slot command's output on and remembers the prelude's own failure line (<c>gosynth slot: …</c> on
/// stderr), so that a slot that could not be entered is reported as such, naming the step, not as the command's exit status.
/// </summary>
internal sealed class SandboxFailureSink(IProcessOutputSink? inner) : IProcessOutputSink
{
    private const string Marker = "gosynth slot: ";
    private volatile string? _failure;

    /// <summary>The prelude's failure (what it could not do), or null.</summary>
    public string? Failure => _failure;

    public void OnLine(ProcessStream stream, string line)
    {
        if (stream == ProcessStream.StandardError && _failure is null && line.StartsWith(Marker, StringComparison.Ordinal))
        {
            _failure = line[Marker.Length..];
        }

        inner?.OnLine(stream, line);
    }
}
