using System.Text;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Reads words that bmake's <c>:Q</c> modifier quoted and a loop joined with spaces. <c>:Q</c> puts a backslash
/// before every shell metacharacter (space, tab, <c>$</c>, quotes, parentheses, <c>\</c>…), writes a newline as
/// <c>'</c>newline<c>'</c>, and an empty value as nothing (newer bmake: <c>''</c>). So: an unescaped space, tab or
/// newline ends a word, <c>\x</c> is <c>x</c>, <c>'…'</c> is taken literally, and anything <c>:Q</c> never leaves
/// bare (<c>"</c>, <c>`</c>, <c>$</c>, a trailing <c>\</c>, an unclosed <c>'</c>) means the text is not what we
/// asked for.
/// </summary>
internal static class MakeQuoting
{
    /// <summary>Splits <paramref name="text"/> into unquoted words; false when it is not <c>:Q</c> output.</summary>
    public static bool TryParseWords(string text, out List<string> words)
    {
        words = [];
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\\':
                    if (++i == text.Length)
                    {
                        return false;
                    }

                    word.Append(text[i]);
                    inWord = true;
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return false;
                    }

                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"' or '`' or '$':
                    return false;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return true;
    }

    /// <summary>
    /// Parses <c>name=value</c> words (names as given, values unquoted); false when the text is not <c>:Q</c> output
    /// or a word has no <c>=</c> or an empty name. A value may itself contain <c>=</c>: only the first one splits.
    /// </summary>
    public static bool TryParseAssignments(string text, out List<KeyValuePair<string, string>> assignments)
    {
        assignments = [];
        if (!TryParseWords(text, out var words))
        {
            return false;
        }

        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            assignments.Add(new(word[..eq], word[(eq + 1)..]));
        }

        return true;
    }
}
