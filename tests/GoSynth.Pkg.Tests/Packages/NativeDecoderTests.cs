using System.Security.Cryptography;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>The host's liblzma / libzstd and the managed decoders, chosen at run time, give identical bytes and the
/// same error kinds.</summary>
public sealed class NativeDecoderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Formats => ["xz", "zstd"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task NativeAndManaged_GiveIdenticalEntries(string format)
    {
        RequireNative(format);
        var generated = Generated(format, "whole");

        foreach (var path in new[] { format == "xz" ? SampleData.Indexinfo : SampleData.Csrutil, format == "xz" ? SampleData.Gcc : generated, generated })
        {
            var managed = await ReadAllAsync(path, DecoderChoice.Managed);
            var native = await ReadAllAsync(path, DecoderChoice.Native);

            Assert.Equal(format == "xz" ? PackageCompression.Xz : PackageCompression.Zstd, native.Compression);
            Assert.Equal(managed.Entries, native.Entries);
            Assert.True(native.Entries.Count >= 2, path);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task NativeAndManaged_CutArchiveIsTruncatedBoth(string format)
    {
        RequireNative(format);
        var whole = File.ReadAllBytes(Generated(format, "cut"));
        var cut = _dir.Combine("cut." + format);
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);

        var managed = await Assert.ThrowsAsync<PackageFormatException>(() => ReadAllAsync(cut, DecoderChoice.Managed));
        var native = await Assert.ThrowsAsync<PackageFormatException>(() => ReadAllAsync(cut, DecoderChoice.Native));

        Assert.Equal(PackageErrorKind.Truncated, managed.Kind);
        Assert.Equal((PackageErrorKind.Truncated, "/usr/local/share/data"), (native.Kind, native.EntryName));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Native_DamagedDataIsCorrupt(string format)
    {
        RequireNative(format);
        // Zeros compress to a few hundred bytes of entropy-coded blocks, so damage there is a decoding error. The tar
        // headers carry the time of writing, so the compressed bytes differ from run to run: one damaged spot can
        // land in bytes that still decode (a frame without a content checksum cannot tell), so damage several.
        var bytes = File.ReadAllBytes(Generated(format, "damaged", random: false));
        foreach (var start in new[] { bytes.Length / 4, bytes.Length / 3, bytes.Length / 2, 2 * bytes.Length / 3 })
        {
            for (var i = start; i < start + 16; i++)
            {
                bytes[i] ^= 0x5A;
            }
        }

        var damaged = _dir.Combine("damaged." + format);
        File.WriteAllBytes(damaged, bytes);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => ReadAllAsync(damaged, DecoderChoice.Native));

        Assert.Equal(PackageErrorKind.Corrupt, ex.Kind);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Auto_PicksNativeWhenTheHostHasIt_ManagedWhenForced(string format)
    {
        var lib = format == "xz" ? "liblzma.so.5" : "libzstd.so.1";
        var onDisk = new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib" }
            .Any(d => File.Exists(Path.Combine(d, lib)));
        var path = format == "xz" ? SampleData.Indexinfo : SampleData.Csrutil;

        var auto = await ArchiveReader.OpenFileAsync(path, Ct);
        var managed = await ArchiveReader.OpenFileAsync(path, Ct, decoders: DecoderChoice.Managed);
        await using (auto)
        await using (managed)
        {
            if (!onDisk)
            {
                Assert.Skip($"the host has no {lib}: only the managed decoder can run here");
            }

            Assert.Equal(format == "xz" ? nameof(LzmaDecoderStream) : nameof(ZstdDecoderStream), auto.DecoderName);
            Assert.NotEqual(auto.DecoderName, managed.DecoderName);
        }
    }

    private static void RequireNative(string format)
    {
        if ((format == "xz" ? NativeCodecs.Lzma is null : NativeCodecs.Zstd is null) || (format == "xz" && IntPtr.Size != 8))
        {
            Assert.Skip($"the host has no native {(format == "xz" ? "liblzma.so.5" : "libzstd.so.1")}: the managed decoder is the only one here");
        }
    }

    private string Generated(string format, string name, bool random = true)
    {
        var path = _dir.Combine($"{name}.{format}.pkg");
        new RawPackage { Manifest = RawPackage.ManifestWith(3 << 20, "", ("/usr/local/bin/a", RawPackage.Sum("a")), ("/usr/local/share/data", "-")) }
            .File("/usr/local/bin/a", "a").LargeFile("/usr/local/share/data", () => new PatternStream(3 << 20, random)).Write(path, format);
        return path;
    }

    private static async Task<(PackageCompression Compression, List<(string, long, string)> Entries)> ReadAllAsync(string path, DecoderChoice choice)
    {
        var archive = await ArchiveReader.OpenFileAsync(path, Ct, readAhead: true, decoders: choice);
        await using (archive)
        {
            var entries = new List<(string, long, string)>();
            var buffer = new byte[1 << 16];
            while (await archive.NextAsync(Ct) is { } entry)
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                if (entry.DataStream is { } data)
                {
                    var left = entry.Length;
                    while (left > 0)
                    {
                        int n;
                        try
                        {
                            n = await data.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), Ct);
                        }
                        catch (Exception ex) when (ArchiveReader.IsFormatError(ex))
                        {
                            throw archive.Wrap(ex, entry.Name);
                        }

                        if (n == 0)
                        {
                            throw new PackageFormatException(PackageErrorKind.Truncated, path, entry.Name, "short");
                        }

                        hash.AppendData(buffer, 0, n);
                        left -= n;
                    }
                }

                entries.Add((entry.Name, entry.Length, Convert.ToHexStringLower(hash.GetHashAndReset())));
            }

            return (archive.Compression, entries);
        }
    }
}
