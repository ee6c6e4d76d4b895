using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// A sliding read buffer over a file region, kept by a reader across refreshes so that tailing a database does not
/// allocate a new buffer each time. Its content is dropped at every <see cref="Reset"/> (a writer may have cut and
/// rewritten a torn tail since); only the memory is reused. Not thread-safe.
/// </summary>
internal sealed class ScanWindow
{
    private const int DefaultSize = 1 << 20;
    private byte[] _buffer = [];
    private byte[] _scratch = [];
    private SafeFileHandle? _handle;
    private long _bufferStart;
    private int _bufferLength;

    /// <summary>The end of the region (the file length when the scan started).</summary>
    public long End { get; private set; }

    /// <summary>Starts a scan of <paramref name="handle"/> up to <paramref name="end"/>, forgetting what was read before.</summary>
    public ScanWindow Reset(SafeFileHandle handle, long end)
    {
        _handle = handle;
        End = end;
        _bufferStart = 0;
        _bufferLength = 0;
        return this;
    }

    /// <summary>A buffer of at least <paramref name="length"/> bytes for unescaped frames, reused.</summary>
    public Span<byte> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, Math.Max(256, _scratch.Length * 2))];
        }

        return _scratch.AsSpan(0, length);
    }

    /// <summary>Up to <paramref name="count"/> bytes at <paramref name="position"/>; fewer at the end of the region.</summary>
    public ReadOnlySpan<byte> Span(long position, int count)
    {
        if (position >= _bufferStart && position + count <= _bufferStart + _bufferLength)
        {
            return _buffer.AsSpan((int)(position - _bufferStart), count);
        }

        // Sized for the region (a refresh reading a few new records needs no megabyte), grown by doubling.
        var desired = (int)Math.Min(DefaultSize, Math.Max(End - position, 4096));
        if (_buffer.Length < count || _buffer.Length < desired)
        {
            _buffer = new byte[Math.Max(count, Math.Max(desired, Math.Min(_buffer.Length * 2, DefaultSize)))];
        }

        var want = (int)Math.Min(_buffer.Length, End - position);
        var read = 0;
        while (read < want)
        {
            var n = RandomAccess.Read(_handle!, _buffer.AsSpan(read, want - read), position + read);
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
