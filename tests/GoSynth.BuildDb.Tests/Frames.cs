using System.Buffers.Binary;
using System.IO.Hashing;

namespace GoSynth.BuildDb.Tests;

/// <summary>Builds raw frames and headers byte by byte, as FORMAT.md documents them.</summary>
internal static class Frames
{
    public static byte[] Frame(byte type, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + 9];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        frame[4] = type;
        payload.CopyTo(frame.AsSpan(5));
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(5 + payload.Length), Crc32.HashToUInt32(frame.AsSpan(0, 5 + payload.Length)));
        return frame;
    }

    public static byte[] Header(ushort version, ulong generation = 42)
    {
        var header = new byte[24];
        new byte[] { 0x89, (byte)'G', (byte)'S', (byte)'D', (byte)'B', 0x0D, 0x0A, 0x1A }.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), version);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(12), generation);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), Crc32.HashToUInt32(header.AsSpan(0, 20)));
        return header;
    }

    /// <summary>A RunStarted payload: revision, id, start (zigzag ms), profile, host, pid, then any extra bytes.</summary>
    public static byte[] RunStartedPayload(byte revision, byte id, string profile, params byte[] extra)
    {
        var bytes = new List<byte> { revision, id, 0x02 /* zigzag(1) = 2: 1 ms after the epoch */ };
        bytes.Add((byte)(profile.Length + 1));
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(profile));
        bytes.Add(0); // host: null
        bytes.Add(7); // pid 7
        bytes.AddRange(extra);
        return [.. bytes];
    }
}
