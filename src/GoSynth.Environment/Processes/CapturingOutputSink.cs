using System.Text;

namespace GoSynth.Environment.Processes;

/// <summary>An output sink that keeps stdout lines and stderr text in memory, for short commands such as <c>make -V</c>.</summary>
public sealed class CapturingOutputSink : IProcessOutputSink
{
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();

    /// <summary>The standard output lines, in order.</summary>
    public IReadOnlyList<string> StandardOutputLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _stdout];
            }
        }
    }

    /// <summary>The standard error text, lines joined with '\n'.</summary>
    public string StandardError
    {
        get
        {
            lock (_lock)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <inheritdoc />
    public void OnLine(ProcessStream stream, string line)
    {
        lock (_lock)
        {
            if (stream == ProcessStream.StandardOutput)
            {
                _stdout.Add(line);
            }
            else
            {
                if (_stderr.Length > 0)
                {
                    _stderr.Append('\n');
                }

                _stderr.Append(line);
            }
        }
    }
}
