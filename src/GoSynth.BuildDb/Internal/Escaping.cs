namespace GoSynth.BuildDb.Internal;

/// <summary>
/// The escaping of format 2 (FORMAT.md): a frame is <see cref="FileFormat.Marker"/> followed by its body in which
/// every <c>FE</c> is written <c>FE 00</c> and every <c>FF</c> is written <c>FE 01</c>. So <c>FF</c> appears in the
/// file only where a frame starts, and bytes inside a record (build-log text included) can never be taken for one.
/// </summary>
internal static class Escaping
{
    /// <summary>Returns the marker followed by <paramref name="body"/> escaped.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> body)
    {
        var escapes = body.Count(FileFormat.Escape) + body.Count(FileFormat.Marker);
        var output = new byte[1 + body.Length + escapes];
        output[0] = FileFormat.Marker;
        if (escapes == 0)
        {
            body.CopyTo(output.AsSpan(1));
            return output;
        }

        var o = 1;
        while (body.Length > 0)
        {
            var i = body.IndexOfAny(FileFormat.Escape, FileFormat.Marker);
            if (i < 0)
            {
                body.CopyTo(output.AsSpan(o));
                break;
            }

            body[..i].CopyTo(output.AsSpan(o));
            o += i;
            output[o++] = FileFormat.Escape;
            output[o++] = body[i] == FileFormat.Escape ? (byte)0 : (byte)1;
            body = body[(i + 1)..];
        }

        return output;
    }

    /// <summary>
    /// Unescapes from <paramref name="source"/> until <paramref name="destination"/> is full. False when the source
    /// ends first, holds a marker (the start of another frame) or an invalid escape.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed)
    {
        consumed = 0;
        var s = 0;
        var d = 0;
        while (d < destination.Length)
        {
            var run = source[s..];
            if (run.Length > destination.Length - d)
            {
                run = run[..(destination.Length - d)];
            }

            var i = run.IndexOfAny(FileFormat.Escape, FileFormat.Marker);
            if (i < 0)
            {
                run.CopyTo(destination[d..]);
                s += run.Length;
                d += run.Length;
                if (d < destination.Length)
                {
                    return false;
                }

                break;
            }

            run[..i].CopyTo(destination[d..]);
            s += i;
            d += i;
            if (source[s] == FileFormat.Marker || s + 1 >= source.Length)
            {
                return false;
            }

            var code = source[s + 1];
            if (code > 1)
            {
                return false;
            }

            destination[d++] = code == 0 ? FileFormat.Escape : FileFormat.Marker;
            s += 2;
        }

        consumed = s;
        return true;
    }
}
