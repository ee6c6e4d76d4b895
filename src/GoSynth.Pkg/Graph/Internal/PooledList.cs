using System.Buffers;

namespace GoSynth.Pkg.Graph.Internal;

/// <summary>An append-only list over a pooled array of known capacity, copied out exactly once at the end.</summary>
internal sealed class PooledList<T>
{
    private T[] _items;

    public PooledList(int capacity)
    {
        _items = ArrayPool<T>.Shared.Rent(Math.Max(1, capacity));
    }

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<T>.Shared.Return(_items);
            _items = larger;
        }

        _items[Count++] = item;
    }

    /// <summary>Copies the items into an exact-size array and gives the pooled one back; the list is unusable afterwards.</summary>
    public T[] ToArrayAndReturn()
    {
        var result = _items.AsSpan(0, Count).ToArray();
        ArrayPool<T>.Shared.Return(_items);
        _items = [];
        return result;
    }
}
