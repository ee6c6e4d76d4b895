namespace GoSynth.Environment.Internal.Slots;

/// <summary>Parses live mount tables: Linux <c>/proc/self/mountinfo</c> and BSD <c>mount -p</c>.</summary>
internal static class MountInfo
{
    /// <summary>Mount points of a mountinfo text (field 5, octal escapes decoded), in table order.</summary>
    public static IReadOnlyList<string> ParseLinux(string text)
    {
        var result = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ');
            if (f.Length > 5)
            {
                result.Add(Unescape(f[4]));
            }
        }

        return result;
    }

    /// <summary>The mount source of one mountinfo line (the field after the file system type), octal escapes decoded.</summary>
    public static string? SourceOf(string line)
    {
        var dash = line.IndexOf(" - ", StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var f = line[(dash + 3)..].Split(' ');
        return f.Length > 1 ? Unescape(f[1]) : null;
    }

    /// <summary>Mount points of <c>mount -p</c> output (fstab format: device, mount point, type, options, dump, pass).</summary>
    public static IReadOnlyList<string> ParseFstab(string text)
    {
        var result = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 3 && !f[0].StartsWith('#'))
            {
                result.Add(Unescape(f[1]));
            }
        }

        return result;
    }

    /// <summary>The mount points at or below <paramref name="root"/>, deepest first.</summary>
    public static IReadOnlyList<string> Under(IEnumerable<string> mountPoints, string root)
    {
        root = Path.TrimEndingDirectorySeparator(root);
        return [.. mountPoints
            .Where(m => m == root || m.StartsWith(root + "/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(m => m.Count(c => c == '/'))
            .ThenByDescending(m => m, StringComparer.Ordinal)];
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length && IsOctal(s[i + 1]) && IsOctal(s[i + 2]) && IsOctal(s[i + 3]))
            {
                sb.Append((char)(((s[i + 1] - '0') * 64) + ((s[i + 2] - '0') * 8) + (s[i + 3] - '0')));
                i += 3;
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
