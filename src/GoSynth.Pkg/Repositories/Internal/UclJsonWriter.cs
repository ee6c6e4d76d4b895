using System.Buffers;
using System.Globalization;
using System.Text;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Writes compact JSON the way libucl's JSON emitter does, byte for byte: strings are raw UTF-8 with only
/// <c>"</c>, <c>\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\b</c>, <c>\f</c> escaped by letter, NUL and vertical tab as
/// <c>\u0000</c>/<c>\u000B</c>, any other control byte as <c>\uFFFD</c>; no spaces; integers in decimal.
/// </summary>
internal sealed class UclJsonWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Stack<bool> _first = new();

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void StartObject(string? key = null) => Start(key, (byte)'{');

    public void EndObject() => End((byte)'}');

    public void StartArray(string? key = null) => Start(key, (byte)'[');

    public void EndArray() => End((byte)']');

    public void String(string? key, string value)
    {
        Separator();
        if (key is not null)
        {
            Key(key);
        }

        Quoted(value);
    }

    public void Number(string key, long value)
    {
        Separator();
        Key(key);
        Raw(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Boolean(string key, bool value)
    {
        Separator();
        Key(key);
        Raw(value ? "true" : "false");
    }

    private void Start(string? key, byte open)
    {
        Separator();
        if (key is not null)
        {
            Key(key);
        }

        Byte(open);
        _first.Push(true);
    }

    private void End(byte close)
    {
        _first.Pop();
        Byte(close);
    }

    private void Separator()
    {
        if (_first.Count == 0)
        {
            return;
        }

        if (_first.Peek())
        {
            _first.Pop();
            _first.Push(false);
        }
        else
        {
            Byte((byte)',');
        }
    }

    private void Key(string key)
    {
        Quoted(key);
        Byte((byte)':');
    }

    private void Quoted(string value)
    {
        Byte((byte)'"');
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            switch (b)
            {
                case (byte)'"': Raw("\\\""); break;
                case (byte)'\\': Raw("\\\\"); break;
                case (byte)'\n': Raw("\\n"); break;
                case (byte)'\r': Raw("\\r"); break;
                case (byte)'\t': Raw("\\t"); break;
                case (byte)'\b': Raw("\\b"); break;
                case (byte)'\f': Raw("\\f"); break;
                case 0: Raw("\\u0000"); break;
                case 0x0B: Raw("\\u000B"); break;
                case < 0x20: Raw("\\uFFFD"); break;
                default: Byte(b); break;
            }
        }

        Byte((byte)'"');
    }

    private void Raw(string ascii)
    {
        var span = _buffer.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++)
        {
            span[i] = (byte)ascii[i];
        }

        _buffer.Advance(ascii.Length);
    }

    private void Byte(byte b)
    {
        _buffer.GetSpan(1)[0] = b;
        _buffer.Advance(1);
    }
}
