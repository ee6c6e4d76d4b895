using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb.Internal;

/// <summary>Called for each CRC-valid frame found by <see cref="FrameScanner"/>.</summary>
internal delegate void FrameHandler(long offset, byte type, ReadOnlySpan<byte> payload);

/// <summary>
/// Reads frames from a file region through a sliding buffer. A frame that fails its checksum starts a resync:
/// every following offset is tried until a valid frame is found (damage in the middle) or the end is reached
/// (a torn or still-being-written tail).
/// </summary>
internal sealed class FrameScanner
{
    private const int DefaultBuffer = 1 << 20;
    private readonly SafeFileHandle _handle;
    private readonly long _end;
    private byte[] _buffer = new byte[DefaultBuffer];
    private long _bufferStart;
    private int _bufferLength;

    public FrameScanner(SafeFileHandle handle, long end)
    {
        _handle = handle;
        _end = end;
    }

    /// <summary>Scans [start, end). Returns the offset after the last valid frame; the tail after it, if any, is unread.</summary>
    public long Scan(long start, FrameHandler onFrame, List<DamagedRange> damage, out long tailLength)
    {
        var position = start;
        tailLength = 0;
        var validEnd = start;
        while (position < _end)
        {
            if (TryFrame(position, out var type, out var length))
            {
                onFrame(position, type, Span(position + FileFormat.FrameHeaderSize, length));
                position += FileFormat.FrameOverhead + length;
                validEnd = position;
                continue;
            }

            var next = Resync(position + 1);
            if (next < 0)
            {
                tailLength = _end - position;
                break;
            }

            damage.Add(new DamagedRange(
                DamageKind.Corrupted,
                position,
                next - position,
                $"{next - position} bytes at offset {position} hold no valid record"));
            position = next;
        }

        return validEnd;
    }

    private long Resync(long from)
    {
        for (var p = from; p + FileFormat.FrameOverhead <= _end; p++)
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
        if (_end - position < FileFormat.FrameOverhead)
        {
            return false;
        }

        var header = Span(position, FileFormat.FrameHeaderSize);
        if (header.Length < FileFormat.FrameHeaderSize)
        {
            return false;
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (declared > FileFormat.MaxPayload || position + FileFormat.FrameOverhead + declared > _end)
        {
            return false;
        }

        length = (int)declared;
        var frame = Span(position, FileFormat.FrameOverhead + length);
        if (frame.Length < FileFormat.FrameOverhead + length)
        {
            return false;
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(frame[^4..]);
        if (Crc32.HashToUInt32(frame[..^4]) != stored)
        {
            return false;
        }

        type = frame[4];
        return true;
    }

    private ReadOnlySpan<byte> Span(long position, int count)
    {
        if (position >= _bufferStart && position + count <= _bufferStart + _bufferLength)
        {
            return _buffer.AsSpan((int)(position - _bufferStart), count);
        }

        if (count > _buffer.Length)
        {
            _buffer = new byte[Math.Max(count, _buffer.Length * 2)];
        }

        var want = (int)Math.Min(_buffer.Length, _end - position);
        var read = 0;
        while (read < want)
        {
            var n = RandomAccess.Read(_handle, _buffer.AsSpan(read, want - read), position + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        _bufferStart = position;
        _bufferLength = read;

        // A file that shrank while it was read (a writer cutting a torn tail) yields a short span: no frame there.
        return _buffer.AsSpan(0, Math.Min(read, count));
    }
}
