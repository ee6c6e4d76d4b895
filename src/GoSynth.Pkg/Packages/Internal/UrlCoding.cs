using System.Text;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// pkg's %-encoding of descriptions, paths and scripts in manifests: every non-ASCII byte of the UTF-8 text and
/// every <c>%</c> is written as <c>%xx</c> (lowercase hex). Decoding leaves a <c>%</c> not followed by two hex digits as is.
/// </summary>
internal static class UrlCoding
{
    public static string Encode(string text)
    {
        var needs = false;
        foreach (var c in text)
        {
            if (c >= 0x80 || c == '%')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b >= 0x80 || b == (byte)'%')
            {
                builder.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var source = Encoding.UTF8.GetBytes(text);
        var output = new byte[source.Length];
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == (byte)'%' && i + 2 < source.Length && IsHex(source[i + 1]) && IsHex(source[i + 2]))
            {
                output[n++] = (byte)((HexValue(source[i + 1]) << 4) | HexValue(source[i + 2]));
                i += 2;
            }
            else
            {
                output[n++] = source[i];
            }
        }

        return Encoding.UTF8.GetString(output, 0, n);
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
