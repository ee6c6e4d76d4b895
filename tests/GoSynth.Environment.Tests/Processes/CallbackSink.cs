using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Tests.Processes;

internal sealed class CallbackSink(Action<ProcessStream, string> onLine) : IProcessOutputSink
{
    public void OnLine(ProcessStream stream, string line) => onLine(stream, line);
}
