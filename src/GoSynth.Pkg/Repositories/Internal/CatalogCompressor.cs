using System.Runtime.InteropServices;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Compresses catalog archives. <see cref="Compress"/> makes one zstd frame of a whole archive in one call with the
/// size known, using every core: zstd's own multi-threaded mode (<c>ZSTD_c_nbWorkers</c>) splits the input into jobs
/// that each see the previous data, and its output does not depend on how many workers there are (for one or more).
/// <see cref="FrameCompressor"/> makes one single-threaded frame per piece of a framed archive, reusing its context;
/// <see cref="FrameDecoder"/> checks cached frames. The host's libzstd is used when it loads (several times faster than
/// the managed port at high levels), ZstdSharp otherwise; the two may produce different (equally valid) bytes, so the
/// choice is made once per process and named by <see cref="Identity"/>.
/// </summary>
internal static unsafe class CatalogCompressor
{
    private const int CompressionLevelParameter = 100;
    private const int WorkersParameter = 400;

    private static readonly Lazy<NativeApi?> s_native = new(LoadNative);

    /// <summary>Whether the host's libzstd is used.</summary>
    public static bool IsNative => s_native.Value is not null;

    /// <summary>The compressor in use and its version (<c>libzstd 10504</c>, <c>ZstdSharp 0.8.8.0</c>): what, besides the
    /// level and the input, decides the compressed bytes.</summary>
    public static string Identity => s_native.Value is { } api
        ? "libzstd " + api.VersionNumber().ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "ZstdSharp " + (typeof(Compressor).Assembly.GetName().Version?.ToString() ?? "?");

    /// <summary>One zstd frame holding <paramref name="input"/>.</summary>
    /// <param name="input">What to compress.</param>
    /// <param name="level">zstd level (-7..22).</param>
    /// <param name="workers">Compression threads; 0 compresses on the calling thread only (a different, also
    /// deterministic, output).</param>
    /// <param name="allowNative">False forces the managed compressor (tests).</param>
    public static byte[] Compress(ReadOnlySpan<byte> input, int level, int workers, bool allowNative = true)
    {
        if (allowNative && s_native.Value is { } api)
        {
            return CompressNative(api, input, level, workers);
        }

        using var compressor = new Compressor(level);
        if (workers > 0)
        {
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_nbWorkers, workers);
        }

        return compressor.Wrap(input).ToArray();
    }

    private static byte[] CompressNative(NativeApi api, ReadOnlySpan<byte> input, int level, int workers)
    {
        var context = api.CreateCCtx();
        if (context is null)
        {
            throw new OutOfMemoryException("libzstd could not allocate a compression context");
        }

        try
        {
            Check(api, api.SetParameter(context, CompressionLevelParameter, level), "set the level");
            if (workers > 0)
            {
                Check(api, api.SetParameter(context, WorkersParameter, workers), "set the number of workers");
            }

            var output = new byte[(int)api.CompressBound((nuint)input.Length)];
            nuint written;
            fixed (byte* source = input)
            fixed (byte* destination = output)
            {
                written = api.Compress2(context, destination, (nuint)output.Length, source, (nuint)input.Length);
            }

            Check(api, written, "compress");
            Array.Resize(ref output, (int)written);
            return output;
        }
        finally
        {
            _ = api.FreeCCtx(context);
        }
    }

    private static void Check(NativeApi api, nuint code, string what)
    {
        if (api.IsError(code) != 0)
        {
            throw new InvalidOperationException($"libzstd could not {what}: {Marshal.PtrToStringUTF8((IntPtr)api.GetErrorName(code))}");
        }
    }

    private static NativeApi? LoadNative()
    {
        IntPtr lib = IntPtr.Zero;
        if (!new[] { "libzstd.so.1", "libzstd.1.dylib", "libzstd.so" }.Any(name => NativeLibrary.TryLoad(name, out lib))
            || !NativeLibrary.TryGetExport(lib, "ZSTD_createCCtx", out var create)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_freeCCtx", out var free)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_CCtx_setParameter", out var setParameter)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_compress2", out var compress2)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_compressBound", out var bound)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_isError", out var isError)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_getErrorName", out var errorName)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_versionNumber", out var version)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_createDCtx", out var createDecoder)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_freeDCtx", out var freeDecoder)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_decompressDCtx", out var decompress)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_findFrameCompressedSize", out var frameSize))
        {
            return null;
        }

        var api = new NativeApi
        {
            CreateCCtx = (delegate* unmanaged<void*>)create,
            FreeCCtx = (delegate* unmanaged<void*, nuint>)free,
            SetParameter = (delegate* unmanaged<void*, int, int, nuint>)setParameter,
            Compress2 = (delegate* unmanaged<void*, void*, nuint, void*, nuint, nuint>)compress2,
            CompressBound = (delegate* unmanaged<nuint, nuint>)bound,
            IsError = (delegate* unmanaged<nuint, uint>)isError,
            GetErrorName = (delegate* unmanaged<nuint, byte*>)errorName,
            VersionNumber = (delegate* unmanaged<uint>)version,
            CreateDCtx = (delegate* unmanaged<void*>)createDecoder,
            FreeDCtx = (delegate* unmanaged<void*, nuint>)freeDecoder,
            DecompressDCtx = (delegate* unmanaged<void*, void*, nuint, void*, nuint, nuint>)decompress,
            FindFrameCompressedSize = (delegate* unmanaged<void*, nuint, nuint>)frameSize,
        };

        // A libzstd built without threads refuses workers; use it only when it has them, so the output is the same
        // multi-threaded frame whatever the host.
        var probe = api.CreateCCtx();
        try
        {
            return probe is not null && api.IsError(api.SetParameter(probe, WorkersParameter, 1)) == 0 ? api : null;
        }
        finally
        {
            if (probe is not null)
            {
                _ = api.FreeCCtx(probe);
            }
        }
    }

    private sealed class NativeApi
    {
        public required delegate* unmanaged<void*> CreateCCtx { get; init; }

        public required delegate* unmanaged<void*, nuint> FreeCCtx { get; init; }

        public required delegate* unmanaged<void*, int, int, nuint> SetParameter { get; init; }

        public required delegate* unmanaged<void*, void*, nuint, void*, nuint, nuint> Compress2 { get; init; }

        public required delegate* unmanaged<nuint, nuint> CompressBound { get; init; }

        public required delegate* unmanaged<nuint, uint> IsError { get; init; }

        public required delegate* unmanaged<nuint, byte*> GetErrorName { get; init; }

        public required delegate* unmanaged<uint> VersionNumber { get; init; }

        public required delegate* unmanaged<void*> CreateDCtx { get; init; }

        public required delegate* unmanaged<void*, nuint> FreeDCtx { get; init; }

        public required delegate* unmanaged<void*, void*, nuint, void*, nuint, nuint> DecompressDCtx { get; init; }

        public required delegate* unmanaged<void*, nuint, nuint> FindFrameCompressedSize { get; init; }
    }

    /// <summary>Compresses pieces one after the other, each into its own single-threaded frame (the same bytes as a
    /// fresh context would write), reusing one compression context. Not thread-safe: one per thread.</summary>
    public sealed class FrameCompressor : IDisposable
    {
        private readonly NativeApi? _api;
        private readonly Compressor? _managed;
        private void* _context;

        public FrameCompressor(int level)
        {
            _api = s_native.Value;
            if (_api is null)
            {
                _managed = new Compressor(level);
                return;
            }

            _context = _api.CreateCCtx();
            if (_context is null)
            {
                throw new OutOfMemoryException("libzstd could not allocate a compression context");
            }

            Check(_api, _api.SetParameter(_context, CompressionLevelParameter, level), "set the level");
        }

        /// <summary>One zstd frame holding <paramref name="input"/>.</summary>
        public byte[] Compress(ReadOnlySpan<byte> input)
        {
            if (_managed is not null)
            {
                return _managed.Wrap(input).ToArray();
            }

            ObjectDisposedException.ThrowIf(_context is null, this);
            var output = new byte[(int)_api!.CompressBound((nuint)input.Length)];
            nuint written;
            fixed (byte* source = input)
            fixed (byte* destination = output)
            {
                written = _api.Compress2(_context, destination, (nuint)output.Length, source, (nuint)input.Length);
            }

            Check(_api, written, "compress");
            Array.Resize(ref output, (int)written);
            return output;
        }

        public void Dispose()
        {
            _managed?.Dispose();
            if (_context is not null)
            {
                _ = _api!.FreeCCtx(_context);
                _context = null;
            }
        }
    }

    /// <summary>Checks frames one after the other, reusing one decompression context and one output buffer. Not
    /// thread-safe: one per thread.</summary>
    public sealed class FrameDecoder : IDisposable
    {
        private readonly NativeApi? _api;
        private readonly Decompressor? _managed;
        private void* _context;
        private byte[] _buffer = [];

        public FrameDecoder()
        {
            _api = s_native.Value;
            if (_api is null)
            {
                _managed = new Decompressor();
                return;
            }

            _context = _api.CreateDCtx();
            if (_context is null)
            {
                throw new OutOfMemoryException("libzstd could not allocate a decompression context");
            }
        }

        /// <summary>Whether <paramref name="frame"/> is exactly one zstd frame whose content is exactly
        /// <paramref name="expected"/>.</summary>
        public bool DecodesTo(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> expected)
        {
            if (_buffer.Length < expected.Length + 1)
            {
                _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(expected.Length + 1, _buffer.Length * 2));
            }

            // One byte more than expected: a longer content fails instead of filling the buffer exactly.
            var capacity = expected.Length + 1;
            nuint size, produced;
            fixed (byte* source = frame)
            fixed (byte* destination = _buffer)
            {
                if (_managed is not null)
                {
                    size = Methods.ZSTD_findFrameCompressedSize(source, (nuint)frame.Length);
                    if (Methods.ZSTD_isError(size) || size != (nuint)frame.Length)
                    {
                        return false;
                    }

                    try
                    {
                        produced = (nuint)_managed.Unwrap(frame, _buffer.AsSpan(0, capacity));
                    }
                    catch (ZstdException)
                    {
                        return false;
                    }
                }
                else
                {
                    ObjectDisposedException.ThrowIf(_context is null, this);
                    size = _api!.FindFrameCompressedSize(source, (nuint)frame.Length);
                    if (_api.IsError(size) != 0 || size != (nuint)frame.Length)
                    {
                        return false;
                    }

                    produced = _api.DecompressDCtx(_context, destination, (nuint)capacity, source, (nuint)frame.Length);
                    if (_api.IsError(produced) != 0)
                    {
                        return false;
                    }
                }
            }

            return produced == (nuint)expected.Length && _buffer.AsSpan(0, expected.Length).SequenceEqual(expected);
        }

        public void Dispose()
        {
            _managed?.Dispose();
            if (_context is not null)
            {
                _ = _api!.FreeDCtx(_context);
                _context = null;
            }
        }
    }
}
