namespace GoSynth.Environment.Processes;

/// <summary>Receives a child's output line by line as it is produced (a port log, a capture buffer, a UI).</summary>
public interface IProcessOutputSink
{
    /// <summary>Called for each line (without its terminator), in order per stream. Must not block for long.</summary>
    void OnLine(ProcessStream stream, string line);
}
