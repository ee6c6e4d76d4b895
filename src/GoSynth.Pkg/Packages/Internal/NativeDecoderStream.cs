using System.Runtime.InteropServices;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// A read-only stream that decodes xz (liblzma) or zstd (libzstd) from a source stream through the host's native
/// library. A source that ends before the compressed stream does raises <see cref="EndOfStreamException"/>
/// (reported as <see cref="PackageErrorKind.Truncated"/>); damaged data raises <see cref="InvalidDataException"/>.
/// </summary>
internal abstract class NativeDecoderStream(Stream source) : Stream
{
    private const int InputSize = 1 << 17;
    // Pooled: a catalog rebuild opens one decoder per package file (5,000 × 128 KiB was most of what it allocated).
    private byte[] _input = System.Buffers.ArrayPool<byte>.Shared.Rent(InputSize);
    private int _inputStart;
    private int _inputEnd;
    private bool _sourceDone;
    private bool _finished;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Decodes from <paramref name="input"/> into <paramref name="output"/>; returns bytes consumed and produced
    /// and whether the compressed stream ended.</summary>
    protected abstract unsafe (int Consumed, int Produced, bool Ended) Decode(byte* input, int inputLength, byte* output, int outputLength, bool sourceDone);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (_finished || buffer.Length == 0)
            {
                return 0;
            }

            if (_inputStart == _inputEnd && !_sourceDone)
            {
                Fill(source.Read(_input, 0, _input.Length));
            }

            if (Step(buffer) is var n && n > 0)
            {
                return n;
            }
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_finished || buffer.Length == 0)
            {
                return 0;
            }

            if (_inputStart == _inputEnd && !_sourceDone)
            {
                Fill(await source.ReadAsync(_input, cancellationToken).ConfigureAwait(false));
            }

            if (Step(buffer.Span) is var n && n > 0)
            {
                return n;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Fill(int read)
    {
        _inputStart = 0;
        _inputEnd = read;
        _sourceDone = read == 0;
    }

    private unsafe int Step(Span<byte> buffer)
    {
        fixed (byte* output = buffer)
        fixed (byte* input = _input)
        {
            var (consumed, produced, ended) = Decode(input + _inputStart, _inputEnd - _inputStart, output, buffer.Length, _sourceDone);
            _inputStart += consumed;
            if (ended)
            {
                _finished = true;
            }
            else if (produced == 0 && consumed == 0 && _sourceDone)
            {
                throw new EndOfStreamException("the compressed stream ends before its end marker");
            }

            return produced;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
            var input = Interlocked.Exchange(ref _input, []);
            if (input.Length > 0)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(input);
            }
        }

        base.Dispose(disposing);
    }

    protected static unsafe string Text(byte* s) => Marshal.PtrToStringUTF8((nint)s) ?? "unknown error";
}
