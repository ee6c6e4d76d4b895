namespace GoSynth.Pkg.Packages.Internal;

/// <summary>zstd decoding through the host's libzstd (<c>ZSTD_decompressStream</c>, concatenated frames accepted).</summary>
internal sealed unsafe class ZstdDecoderStream : NativeDecoderStream
{
    private readonly NativeCodecs.ZstdApi _api;
    private void* _context;
    private bool _frameDone = true;

    public ZstdDecoderStream(Stream source, NativeCodecs.ZstdApi api)
        : base(source)
    {
        _api = api;
        _context = api.CreateDCtx();
        if (_context is null)
        {
            throw new InvalidOperationException("libzstd could not create a decompression context");
        }
    }

    ~ZstdDecoderStream() => Dispose(false);

    protected override (int Consumed, int Produced, bool Ended) Decode(byte* input, int inputLength, byte* output, int outputLength, bool sourceDone)
    {
        ObjectDisposedException.ThrowIf(_context is null, this);
        if (inputLength == 0 && sourceDone && _frameDone)
        {
            return (0, 0, true);
        }

        // ZSTD_inBuffer / ZSTD_outBuffer: { pointer, size, pos }.
        var inBuffer = stackalloc nuint[3] { (nuint)input, (nuint)inputLength, 0 };
        var outBuffer = stackalloc nuint[3] { (nuint)output, (nuint)outputLength, 0 };
        var ret = _api.DecompressStream(_context, outBuffer, inBuffer);
        if (_api.IsError(ret) != 0)
        {
            throw new InvalidDataException($"the zstd data is damaged ({Text(_api.GetErrorName(ret))})");
        }

        var consumed = (int)inBuffer[2];
        var produced = (int)outBuffer[2];
        if (consumed > 0 || produced > 0)
        {
            _frameDone = ret == 0;
        }

        if (sourceDone && consumed == inputLength && produced == 0 && !_frameDone)
        {
            throw new EndOfStreamException("the zstd stream ends in the middle of a frame");
        }

        return (consumed, produced, sourceDone && consumed == inputLength && _frameDone && produced == 0);
    }

    protected override void Dispose(bool disposing)
    {
        if (_context is not null)
        {
            _ = _api.FreeDCtx(_context);
            _context = null;
        }

        base.Dispose(disposing);
    }
}
