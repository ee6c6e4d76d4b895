using System.Runtime.InteropServices;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>Which xz and zstd decoder a reader uses.</summary>
internal enum DecoderChoice
{
    /// <summary>The host's liblzma / libzstd when they load, the managed decoders otherwise.</summary>
    Auto,

    /// <summary>Always the managed decoders (SharpCompress, ZstdSharp).</summary>
    Managed,

    /// <summary>The native libraries; fails when they are missing (tests).</summary>
    Native,
}

/// <summary>
/// The host's liblzma (<c>liblzma.so.5</c>) and libzstd (<c>libzstd.so.1</c>), loaded once at run time with
/// <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>; each is null when absent or lacking an export, and the
/// readers then use the managed decoders. The native xz decoder is several times faster than the managed one.
/// </summary>
internal static unsafe class NativeCodecs
{
    private static readonly Lazy<LzmaApi?> s_lzma = new(LoadLzma);
    private static readonly Lazy<ZstdApi?> s_zstd = new(LoadZstd);

    public static LzmaApi? Lzma => s_lzma.Value;

    public static ZstdApi? Zstd => s_zstd.Value;

    /// <summary>liblzma's stream decoder entry points.</summary>
    public sealed class LzmaApi
    {
        public required delegate* unmanaged<void*, ulong, uint, int> StreamDecoder { get; init; }

        public required delegate* unmanaged<void*, int, int> Code { get; init; }

        public required delegate* unmanaged<void*, void> End { get; init; }
    }

    /// <summary>libzstd's streaming decompression entry points.</summary>
    public sealed class ZstdApi
    {
        public required delegate* unmanaged<void*> CreateDCtx { get; init; }

        public required delegate* unmanaged<void*, nuint> FreeDCtx { get; init; }

        public required delegate* unmanaged<void*, void*, void*, nuint> DecompressStream { get; init; }

        public required delegate* unmanaged<nuint, uint> IsError { get; init; }

        public required delegate* unmanaged<nuint, byte*> GetErrorName { get; init; }
    }

    private static LzmaApi? LoadLzma()
    {
        if (!TryLoad(["liblzma.so.5", "liblzma.5.dylib", "liblzma.so"], out var lib)
            || !NativeLibrary.TryGetExport(lib, "lzma_stream_decoder", out var decoder)
            || !NativeLibrary.TryGetExport(lib, "lzma_code", out var code)
            || !NativeLibrary.TryGetExport(lib, "lzma_end", out var end))
        {
            return null;
        }

        return new LzmaApi
        {
            StreamDecoder = (delegate* unmanaged<void*, ulong, uint, int>)decoder,
            Code = (delegate* unmanaged<void*, int, int>)code,
            End = (delegate* unmanaged<void*, void>)end,
        };
    }

    private static ZstdApi? LoadZstd()
    {
        if (!TryLoad(["libzstd.so.1", "libzstd.1.dylib", "libzstd.so"], out var lib)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_createDCtx", out var create)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_freeDCtx", out var free)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_decompressStream", out var decompress)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_isError", out var isError)
            || !NativeLibrary.TryGetExport(lib, "ZSTD_getErrorName", out var errorName))
        {
            return null;
        }

        return new ZstdApi
        {
            CreateDCtx = (delegate* unmanaged<void*>)create,
            FreeDCtx = (delegate* unmanaged<void*, nuint>)free,
            DecompressStream = (delegate* unmanaged<void*, void*, void*, nuint>)decompress,
            IsError = (delegate* unmanaged<nuint, uint>)isError,
            GetErrorName = (delegate* unmanaged<nuint, byte*>)errorName,
        };
    }

    private static bool TryLoad(string[] names, out IntPtr handle)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out handle))
            {
                return true;
            }
        }

        handle = IntPtr.Zero;
        return false;
    }
}
