using System.Text;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>Finds the first byte that is not part of valid UTF-8.</summary>
internal static class Utf8Text
{
    /// <summary>The offset of the first invalid byte, or -1 when <paramref name="bytes"/> is valid UTF-8.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
