using System.Globalization;
using System.Text;
using GoSynth.Environment.Processes;

namespace GoSynth.Builder.Execution.Internal;

/// <summary>
/// One port's build log (<c>&lt;logs&gt;/&lt;category&gt;___&lt;port&gt;[@flavor].log</c>): GoSynth's own lines (header,
/// phase banners, command lines, trailer) and every output line of the phases, in the order they arrive, each made
/// safe to show on a terminal (control characters written as <c>\xNN</c>, lines cut at a maximum length). Keeps the
/// last lines for a failure's excerpt. Thread-safe; lines are flushed as written so a reader sees them at once.
/// </summary>
internal sealed class PortLog : IProcessOutputSink, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private readonly Queue<string> _tail;
    private readonly int _tailLines;
    private readonly int _maxLineLength;
    private bool _disposed;

    private PortLog(string path, int maxLineLength, int tailLines)
    {
        Path = path;
        _maxLineLength = maxLineLength;
        _tailLines = tailLines;
        _tail = new Queue<string>(tailLines + 1);

        // A previous log of the same port is replaced, not appended to.
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Output lines written (not GoSynth's own).</summary>
    public long OutputLines { get; private set; }

    /// <summary>Creates (or replaces) the log at <paramref name="path"/>, creating its directory.</summary>
    public static PortLog Create(string path, int maxLineLength, int tailLines)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new PortLog(path, maxLineLength, tailLines);
    }

    /// <inheritdoc />
    public void OnLine(ProcessStream stream, string line)
    {
        lock (_lock)
        {
            OutputLines++;
            WriteCore(line);
        }
    }

    /// <summary>Writes a line of GoSynth's own.</summary>
    public void Write(string line)
    {
        lock (_lock)
        {
            WriteCore(line);
        }
    }

    /// <summary>A phase banner, as dsynth's: the phase name between dashed lines.</summary>
    public void Banner(string phase)
    {
        lock (_lock)
        {
            WriteCore(new string('-', 70));
            WriteCore("-- Phase: " + phase);
            WriteCore(new string('-', 70));
        }
    }

    /// <summary>The last lines written so far, oldest first, joined by newlines.</summary>
    public string Excerpt()
    {
        lock (_lock)
        {
            return string.Join('\n', _tail);
        }
    }

    /// <summary>A command line as a shell would need it quoted, for the log.</summary>
    public static string FormatCommand(string program, IEnumerable<string> arguments)
    {
        var builder = new StringBuilder(Quote(program));
        foreach (var argument in arguments)
        {
            builder.Append(' ').Append(Quote(argument));
        }

        return builder.ToString();
    }

    /// <summary><paramref name="value"/> as <c>hh:mm:ss</c>, as dsynth prints durations.</summary>
    public static string FormatDuration(TimeSpan value) => string.Create(
        CultureInfo.InvariantCulture, $"{(int)value.TotalHours:00}:{value.Minutes:00}:{value.Seconds:00}");

    /// <summary>
    /// <paramref name="line"/> made safe for a log a person reads on a terminal: every C0 and C1 control character
    /// but the tab, and DEL, written as <c>\xNN</c> (so an escape sequence in the output cannot drive the reader's
    /// terminal), and cut at <paramref name="maxLength"/> characters with a note saying how much was left out.
    /// </summary>
    public static string Sanitize(string line, int maxLength)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
            if (control)
            {
                builder ??= new StringBuilder(line.Length + 16).Append(line, 0, i);
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        var text = builder?.ToString() ?? line;
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength;
        if (char.IsLowSurrogate(text[cut]) && cut > 0)
        {
            cut--;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, cut)} [line cut: {text.Length - cut} more characters]");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _writer.Dispose();
            }
        }
    }

    private void WriteCore(string line)
    {
        if (_disposed)
        {
            return;
        }

        var safe = Sanitize(line, _maxLineLength);
        _writer.WriteLine(safe);
        _tail.Enqueue(safe);
        if (_tail.Count > _tailLines)
        {
            _tail.Dequeue();
        }
    }

    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@,+%".Contains(c, StringComparison.Ordinal)))
        {
            return argument;
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
