using System.Text;

namespace GoSynth.BuildDb.Internal;

/// <summary>Reads a record payload. Any read past the end throws <see cref="FormatException"/>.</summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public PayloadReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _span.Length;

    public byte ReadByte()
    {
        if (_position >= _span.Length)
        {
            throw new FormatException("record payload ends early");
        }

        return _span[_position++];
    }

    public ulong ReadVarUInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }

    public long ReadVarInt()
    {
        var raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public long ReadId()
    {
        var value = ReadVarUInt();
        return value is 0 or > long.MaxValue ? throw new FormatException("id out of range") : (long)value;
    }

    public uint? ReadOptionalUInt()
    {
        var value = ReadVarUInt();
        return value == 0 ? null : value - 1 <= uint.MaxValue ? (uint)(value - 1) : throw new FormatException("fingerprint out of range");
    }

    /// <summary>The UTF-8 bytes of a string; <paramref name="isNull"/> tells null from empty.</summary>
    public ReadOnlySpan<byte> ReadUtf8(out bool isNull)
    {
        var encoded = ReadVarUInt();
        isNull = encoded == 0;
        if (isNull)
        {
            return default;
        }

        var length = encoded - 1;
        if (length > (ulong)(_span.Length - _position))
        {
            throw new FormatException("string runs past the record");
        }

        var bytes = _span.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    public string? ReadString()
    {
        var bytes = ReadUtf8(out var isNull);
        return isNull ? null : Encoding.UTF8.GetString(bytes);
    }
}
