using System.Buffers.Binary;
using System.IO.Hashing;

namespace GoSynth.BuildDb.Internal;

/// <summary>The file header and record frame layout (documented byte by byte in FORMAT.md).</summary>
internal static class FileFormat
{
    public const int HeaderSize = 24;
    public const ushort CurrentVersion = 1;
    public const int FrameOverhead = 9;
    public const int FrameHeaderSize = 5;
    public const int MaxPayload = 1 << 20;
    public const byte OptionalTypeBit = 0x80;

    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'G', (byte)'S', (byte)'D', (byte)'B', 0x0D, 0x0A, 0x1A];

    public static bool IsKnownType(byte type) => type is >= 0x01 and <= 0x06;

    public static void WriteHeader(Span<byte> header, ulong generation)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(header[12..], generation);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], Crc32.HashToUInt32(header[..20]));
    }

    public static HeaderCheck CheckHeader(ReadOnlySpan<byte> header, out ushort version, out ulong generation)
    {
        version = 0;
        generation = 0;
        var magicLength = Math.Min(header.Length, Magic.Length);
        if (!header[..magicLength].SequenceEqual(Magic[..magicLength]))
        {
            return HeaderCheck.NotADatabase;
        }

        if (header.Length < HeaderSize)
        {
            return HeaderCheck.Truncated;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[20..]) != Crc32.HashToUInt32(header[..20]))
        {
            return HeaderCheck.BadChecksum;
        }

        version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        generation = BinaryPrimitives.ReadUInt64LittleEndian(header[12..]);
        return HeaderCheck.Valid;
    }
}
