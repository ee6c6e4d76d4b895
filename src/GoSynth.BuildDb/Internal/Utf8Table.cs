using System.IO.Hashing;
using System.Text;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// Maps UTF-8 byte strings to small integer ids without decoding them on a hit: an open-addressing table keyed by the bytes'
/// XxHash3. Replay looks every node name and repeated text up here, so a known one costs one hash and one compare.
/// </summary>
internal sealed class Utf8Table
{
    private readonly Func<string, int> _create;
    private Entry[] _entries = new Entry[1024];
    private int _count;

    public Utf8Table(Func<string, int> create)
    {
        _create = create;
    }

    public int Count => _count;

    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var hash = XxHash3.HashToUInt64(utf8);
        var mask = _entries.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            ref var entry = ref _entries[slot];
            if (entry.Key is null)
            {
                break;
            }

            if (entry.Hash == hash && utf8.SequenceEqual(entry.Key))
            {
                return entry.Value;
            }

            slot = (slot + 1) & mask;
        }

        var value = _create(Encoding.UTF8.GetString(utf8));
        Insert(hash, utf8.ToArray(), value);
        return value;
    }

    public int GetOrAdd(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 1024)
        {
            Span<byte> buffer = stackalloc byte[max];
            return GetOrAdd(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }

        return GetOrAdd(Encoding.UTF8.GetBytes(text));
    }

    private void Insert(ulong hash, byte[] key, int value)
    {
        if ((_count + 1) * 4 > _entries.Length * 3)
        {
            var old = _entries;
            _entries = new Entry[old.Length * 2];
            _count = 0;
            foreach (ref readonly var e in old.AsSpan())
            {
                if (e.Key is not null)
                {
                    Place(e.Hash, e.Key, e.Value);
                }
            }
        }

        Place(hash, key, value);
    }

    private void Place(ulong hash, byte[] key, int value)
    {
        var mask = _entries.Length - 1;
        var slot = (int)hash & mask;
        while (_entries[slot].Key is not null)
        {
            slot = (slot + 1) & mask;
        }

        _entries[slot] = new Entry { Hash = hash, Key = key, Value = value };
        _count++;
    }

    private struct Entry
    {
        public ulong Hash;
        public byte[]? Key;
        public int Value;
    }
}
