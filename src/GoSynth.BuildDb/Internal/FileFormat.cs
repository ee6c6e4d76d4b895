using System.Buffers.Binary;
using System.IO.Hashing;

namespace GoSynth.BuildDb.Internal;

/// <summary>The file header and record frame layout (documented byte by byte in FORMAT.md).</summary>
internal static class FileFormat
{
    public const int HeaderSize = 24;
    public const ushort CurrentVersion = 2;

    /// <summary>The first format version whose frames are escaped and start with <see cref="Marker"/>.</summary>
    public const ushort EscapedVersion = 2;

    /// <summary>Starts every frame of format 2; never appears inside one.</summary>
    public const byte Marker = 0xFF;

    /// <summary>Inside a frame of format 2, <c>FE 00</c> stands for a byte <c>FE</c> and <c>FE 01</c> for <c>FF</c>.</summary>
    public const byte Escape = 0xFE;

    /// <summary>Length, type and CRC32 of a frame (format 2 adds the marker and escapes).</summary>
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
