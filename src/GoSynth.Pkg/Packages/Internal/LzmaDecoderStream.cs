using System.Runtime.InteropServices;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>xz decoding through the host's liblzma (<c>lzma_stream_decoder</c> with concatenated streams, as
/// <c>xz -dc</c> reads them).</summary>
internal sealed unsafe class LzmaDecoderStream : NativeDecoderStream
{
    // lzma_stream on LP64: 6 fields of 8 bytes (next_in … total_out), allocator, internal, 4 reserved pointers,
    // 4 reserved 64-bit integers, 2 reserved enums: 136 bytes; LZMA_STREAM_INIT is all zeros.
    private const int StreamSize = 136;
    private const ulong MemoryLimit = 1UL << 30;
    private const uint Concatenated = 0x08;
    private const int Run = 0;
    private const int Finish = 3;
    private const int Ok = 0;
    private const int StreamEnd = 1;
    private const int BufError = 10;

    private readonly NativeCodecs.LzmaApi _api;
    private byte* _stream;

    public LzmaDecoderStream(Stream source, NativeCodecs.LzmaApi api)
        : base(source)
    {
        if (IntPtr.Size != 8)
        {
            throw new PlatformNotSupportedException("the native xz decoder is used on 64-bit hosts only");
        }

        _api = api;
        _stream = (byte*)NativeMemory.AllocZeroed(StreamSize);
        var ret = api.StreamDecoder(_stream, MemoryLimit, Concatenated);
        if (ret != Ok)
        {
            NativeMemory.Free(_stream);
            _stream = null;
            throw new InvalidOperationException($"liblzma could not start a decoder (error {ret})");
        }
    }

    ~LzmaDecoderStream() => Dispose(false);

    protected override (int Consumed, int Produced, bool Ended) Decode(byte* input, int inputLength, byte* output, int outputLength, bool sourceDone)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        var fields = (nuint*)_stream;
        fields[0] = (nuint)input;        // next_in
        fields[1] = (nuint)inputLength;  // avail_in
        fields[3] = (nuint)output;       // next_out
        fields[4] = (nuint)outputLength; // avail_out
        var ret = _api.Code(_stream, sourceDone ? Finish : Run);
        var consumed = inputLength - (int)fields[1];
        var produced = outputLength - (int)fields[4];
        return ret switch
        {
            Ok => (consumed, produced, false),
            StreamEnd => (consumed, produced, true),
            BufError when sourceDone => throw new EndOfStreamException("the xz stream ends before its end marker"),
            BufError => (consumed, produced, false),
            _ => throw new InvalidDataException($"the xz data is damaged (liblzma error {ret}: {Describe(ret)})"),
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (_stream is not null)
        {
            _api.End(_stream);
            NativeMemory.Free(_stream);
            _stream = null;
        }

        base.Dispose(disposing);
    }

    private static string Describe(int ret) => ret switch
    {
        5 => "out of memory",
        6 => $"needs more than {MemoryLimit >> 20} MiB of memory",
        7 => "not an xz stream",
        8 => "unsupported options",
        9 => "corrupt data",
        3 => "unsupported integrity check",
        _ => "decoder error",
    };
}
