using System.Buffers.Binary;
using System.IO.Hashing;

namespace GoSynth.BuildDb.Internal;

/// <summary>Called for each CRC-valid frame found by a scanner, with its offset and length in the file.</summary>
internal delegate void FrameHandler(long offset, int length, byte type, ReadOnlySpan<byte> payload);

/// <summary>
/// Reads the unescaped frames of format 1 (files written before format 2). A frame that fails its checksum starts a
/// resync: every following offset is tried until a valid frame is found (damage in the middle) or the end is reached
/// (a torn or still-being-written tail). Such a resync cannot tell a frame from record content that looks like one,
/// which is why format 2 escapes its frames; a writer upgrades a format 1 file when it opens it.
/// </summary>
internal sealed class LegacyFrameScanner(ScanWindow window)
{
    /// <summary>Scans [start, end). Returns the offset after the last valid frame; the tail after it, if any, is unread.</summary>
    public long Scan(long start, FrameHandler onFrame, List<DamagedRange> damage, out long tailLength)
    {
        var end = window.End;
        var position = start;
        tailLength = 0;
        var validEnd = start;
        while (position < end)
        {
            if (TryFrame(position, out var type, out var length))
            {
                onFrame(position, FileFormat.FrameOverhead + length, type, window.Span(position + FileFormat.FrameHeaderSize, length));
                position += FileFormat.FrameOverhead + length;
                validEnd = position;
                continue;
            }

            var next = Resync(position + 1);
            if (next < 0)
            {
                tailLength = end - position;
                break;
            }

            damage.Add(new DamagedRange(DamageKind.Corrupted, position, next - position, $"{next - position} bytes at offset {position} hold no valid record"));
            position = next;
        }

        return validEnd;
    }

    private long Resync(long from)
    {
        for (var p = from; p + FileFormat.FrameOverhead <= window.End; p++)
        {
            if (TryFrame(p, out _, out _))
            {
                return p;
            }
        }

        return -1;
    }

    private bool TryFrame(long position, out byte type, out int length)
    {
        type = 0;
        length = 0;
        if (window.End - position < FileFormat.FrameOverhead)
        {
            return false;
        }

        var header = window.Span(position, FileFormat.FrameHeaderSize);
        if (header.Length < FileFormat.FrameHeaderSize)
        {
            return false;
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (declared > FileFormat.MaxPayload || position + FileFormat.FrameOverhead + declared > window.End)
        {
            return false;
        }

        length = (int)declared;
        var frame = window.Span(position, FileFormat.FrameOverhead + length);
        if (frame.Length < FileFormat.FrameOverhead + length || BinaryPrimitives.ReadUInt32LittleEndian(frame[^4..]) != Crc32.HashToUInt32(frame[..^4]))
        {
            return false;
        }

        type = frame[4];
        return true;
    }
}
