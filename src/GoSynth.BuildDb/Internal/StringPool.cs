using System.Text;

namespace GoSynth.BuildDb.Internal;

/// <summary>Interns strings decoded from UTF-8 so repeated versions, phases and file names share one instance.</summary>
internal sealed class StringPool
{
    private const int StackLimit = 256;
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool()
    {
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _map.Count;

    public string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > StackLimit)
        {
            return Intern(Encoding.UTF8.GetString(utf8));
        }

        Span<char> chars = stackalloc char[StackLimit];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        var span = chars[..count];
        if (_lookup.TryGetValue(span, out var existing))
        {
            return existing;
        }

        var created = new string(span);
        _map.Add(created, created);
        return created;
    }

    public string? InternOrNull(string? value) => value is null ? null : Intern(value);

    public string Intern(string value)
    {
        if (_map.TryGetValue(value, out var existing))
        {
            return existing;
        }

        _map.Add(value, value);
        return value;
    }
}
