using System.Globalization;
using System.Text;

namespace GoSynth.Builder.Reporting.Internal;

/// <summary>
/// dsynth's eight result logs in one directory: their names, the <c>##</c> right alignment, and appending a line to a
/// log and (for every log but 00) to <c>00_last_results.log</c> as well, which holds everything.
/// </summary>
internal static class DsynthLogFiles
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

    /// <summary>Creates every log empty (truncating, never replacing, so a reader's open handle stays valid).</summary>
    public static void Reset(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in All)
        {
            using var stream = new FileStream(Path.Combine(directory, name), FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            stream.SetLength(0);
        }
    }

    /// <summary>Appends <paramref name="text"/> (one or more lines, each ending in '\n') to <paramref name="log"/> and to log 00.</summary>
    public static void Append(string directory, string log, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (AppendLock)
        {
            if (log != LastResults)
            {
                AppendBytes(Path.Combine(directory, LastResults), bytes);
            }

            AppendBytes(Path.Combine(directory, log), bytes);
        }
    }

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

    /// <summary><c>hh:mm:ss</c>, hours not wrapped at 24 (dsynth's <c>%02d:%02d:%02d</c> of whole seconds).</summary>
    public static string Clock(TimeSpan span)
    {
        var seconds = (long)Math.Max(0, Math.Floor(span.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }

    private static void AppendBytes(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(bytes);
    }
}
