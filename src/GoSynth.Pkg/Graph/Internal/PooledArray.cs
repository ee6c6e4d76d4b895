using System.Buffers;

namespace GoSynth.Pkg.Graph.Internal;

/// <summary>A scratch array rented from the shared pool (possibly longer than asked, contents undefined), returned on dispose.</summary>
internal readonly struct PooledArray<T> : IDisposable
{
    public PooledArray(int length)
    {
        Array = ArrayPool<T>.Shared.Rent(Math.Max(1, length));
    }

    public T[] Array { get; }

    public void Dispose() => ArrayPool<T>.Shared.Return(Array);
}
