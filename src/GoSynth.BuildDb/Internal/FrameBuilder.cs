using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// Builds one record frame of the current format into a reusable buffer: the body <c>[length][type][payload][crc32]</c>,
/// then escaped behind the frame marker (<see cref="Escaping"/>). Not thread-safe.
/// </summary>
internal sealed class FrameBuilder
{
    /// <summary>The payload revision of every record type but the attempt records that carry inputs.</summary>
    public const byte Revision = 1;

    /// <summary>The payload revision of AttemptFinished and Attempt records that carry options, framework or dependencies.</summary>
    public const byte InputsRevision = 2;
    private byte[] _buffer = new byte[4096];
    private int _position;

    public void Begin(RecordType type, byte revision = Revision)
    {
        _position = FileFormat.FrameHeaderSize;
        _buffer[4] = (byte)type;
        WriteByte(revision);
    }

    public byte[] End()
    {
        var payload = _position - FileFormat.FrameHeaderSize;
        if (payload > FileFormat.MaxPayload)
        {
            throw new ArgumentException($"a build database record of {payload} bytes is larger than the limit of {FileFormat.MaxPayload}; shorten the texts given.");
        }

        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)payload);
        Ensure(4);
        var crc = Crc32.HashToUInt32(_buffer.AsSpan(0, _position));
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_position), crc);
        return Escaping.Frame(_buffer.AsSpan(0, _position + 4));
    }

    /// <summary>A frame of the current format holding a payload read from another frame (a format upgrade).</summary>
    public byte[] Reframe(byte type, ReadOnlySpan<byte> payload)
    {
        _position = FileFormat.FrameHeaderSize;
        _buffer[4] = type;
        Ensure(payload.Length);
        payload.CopyTo(_buffer.AsSpan(_position));
        _position += payload.Length;
        return End();
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void WriteVarUInt(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_position++] = (byte)value;
    }

    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void WriteOptionalUInt(uint? value) => WriteVarUInt(value is { } v ? (ulong)v + 1 : 0);

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarUInt(0);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(max + 10);
        var bytes = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)bytes + 1);
        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
    }

    private void Ensure(int more)
    {
        if (_position + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + more + 64));
        }
    }
}
