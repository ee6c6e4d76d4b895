using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Builder.Reporting.Internal;

/// <summary>
/// dsynth's eight result logs in one directory, open for a run: their names, the <c>##</c> right alignment, and
/// appending a line to a log and (for every log but 00) to <c>00_last_results.log</c> as well, which holds everything.
/// </summary>
/// <remarks>
/// The logs stay open from the run's start to its end; each line goes to the kernel with one <c>pwrite</c> per file at
/// the file's end, nothing is buffered in this process, so <c>tail -f</c> and the monitor see every line as it is
/// written and a crash loses at most the line being written. Writing at the current end (under one lock for the
/// process) keeps lines whole and in order when another writer, such as a hook's note, appends to the same file.
/// </remarks>
internal sealed class DsynthLogFiles : IDisposable
{
    public const string LastResults = "00_last_results.log";
    public const string SuccessList = "01_success_list.log";
    public const string FailureList = "02_failure_list.log";
    public const string IgnoredList = "03_ignored_list.log";
    public const string SkippedList = "04_skipped_list.log";
    public const string AbnormalOutput = "05_abnormal_command_output.log";
    public const string ObsoletePackages = "06_obsolete_packages.log";
    public const string Debug = "07_debug.log";

    public static IReadOnlyList<string> All { get; } =
        [LastResults, SuccessList, FailureList, IgnoredList, SkippedList, AbnormalOutput, ObsoletePackages, Debug];

    private static readonly Lock AppendLock = new();
    private readonly SafeFileHandle[] _handles;

    private DsynthLogFiles(SafeFileHandle[] handles) => _handles = handles;

    /// <summary>
    /// Opens every log in <paramref name="directory"/> (created when missing), emptied when <paramref name="truncate"/>
    /// (truncated, never replaced, so a reader's open handle stays valid).
    /// </summary>
    public static DsynthLogFiles Open(string directory, bool truncate)
    {
        Directory.CreateDirectory(directory);
        var handles = new SafeFileHandle[All.Count];
        try
        {
            for (var i = 0; i < handles.Length; i++)
            {
                handles[i] = OpenOne(Path.Combine(directory, All[i]));
                if (truncate)
                {
                    RandomAccess.SetLength(handles[i], 0);
                }
            }
        }
        catch
        {
            foreach (var handle in handles)
            {
                handle?.Dispose();
            }

            throw;
        }

        return new DsynthLogFiles(handles);
    }

    /// <summary>Appends <paramref name="text"/> (one or more lines, each ending in '\n') to <paramref name="log"/> and to log 00.</summary>
    public void Append(string log, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var index = Index(log);
        lock (AppendLock)
        {
            if (index != 0)
            {
                AppendAtEnd(_handles[0], bytes);
            }

            AppendAtEnd(_handles[index], bytes);
        }
    }

    /// <summary>Appends to <paramref name="log"/> and log 00 of <paramref name="directory"/> with no run's logs open (a hook's note).</summary>
    public static void AppendOnce(string directory, string log, string text)
    {
        Directory.CreateDirectory(directory);
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (AppendLock)
        {
            if (log != LastResults)
            {
                using var all = OpenOne(Path.Combine(directory, LastResults));
                AppendAtEnd(all, bytes);
            }

            using var one = OpenOne(Path.Combine(directory, log));
            AppendAtEnd(one, bytes);
        }
    }

    /// <summary>Closes the logs.</summary>
    public void Dispose()
    {
        foreach (var handle in _handles)
        {
            handle.Dispose();
        }
    }

    /// <summary>
    /// One log line from <paramref name="line"/>: every control character (a newline, a carriage return, an escape
    /// sequence's ESC, NUL) that a port's name, version or message could carry is replaced, so no input can end a line
    /// early, forge another line or drive a terminal that shows the log; then dsynth's <c>##</c> alignment.
    /// </summary>
    public static string Line(string line) => Align(Clean(line));

    /// <summary>
    /// dsynth's alignment: the text after <c>##</c> is pushed right so the line, with its newline, is 80 characters;
    /// a line already too long just loses the marker.
    /// </summary>
    public static string Align(string line)
    {
        var marker = line.IndexOf("##", StringComparison.Ordinal);
        if (marker < 0)
        {
            return line + "\n";
        }

        var head = line[..marker];
        var tail = line[(marker + 2)..] + "\n";
        var spaces = 80 - head.Length - tail.Length;
        return spaces >= 0 ? head + new string(' ', spaces) + tail : head + tail;
    }

    /// <summary><paramref name="text"/> with whitespace controls as spaces and every other control character as '?'.</summary>
    public static string Clean(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    '\t' or '\n' or '\v' or '\f' or '\r' or '\u0085' or '\u2028' or '\u2029' => ' ',
                    _ when IsUnsafe(c) => '?',
                    _ => c,
                };
            }
        });
    }

    /// <summary><c>hh:mm:ss</c>, hours not wrapped at 24 (dsynth's <c>%02d:%02d:%02d</c> of whole seconds).</summary>
    public static string Clock(TimeSpan span)
    {
        var seconds = (long)Math.Max(0, Math.Floor(span.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }

    // Control characters, the line and paragraph separators, and format characters (bidirectional overrides and
    // isolates among them), which could make a line read differently from what it says.
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static int Index(string log)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == log)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(log), log, "not one of dsynth's logs");
    }

    private static SafeFileHandle OpenOne(string path) =>
        File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    private static void AppendAtEnd(SafeFileHandle handle, byte[] bytes) => RandomAccess.Write(handle, bytes, RandomAccess.GetLength(handle));
}
