using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using GoSynth.Pkg.Packages.Internal;
using ZstdSharp;

namespace GoSynth.Pkg.Packages;

/// <summary>
/// Writes a pkg(8) package from a staged directory (a <c>STAGEDIR</c>: <c>&lt;stage&gt;/usr/local/bin/x</c> becomes
/// <c>/usr/local/bin/x</c>) and a manifest, with the structure pkg create gives it: members <c>+COMPACT_MANIFEST</c>,
/// <c>+MANIFEST</c> (mode 0644, mtime 0), then the files in manifest order, then owned directories; ustar headers
/// owned by root/wheel; <c>1$&lt;sha256&gt;</c> sums with pkg's symlink rule; <c>flatsize</c> computed. The output is
/// written to a temporary file and renamed into place, and is byte-for-byte deterministic for the same input.
/// </summary>
public static class PackageWriter
{
    /// <summary>Default zstd level (pkg's default for zstd since 1.17).</summary>
    public const int DefaultZstdLevel = 19;

    /// <summary>Writes the package and returns the manifest it recorded (files, sums and flatsize filled in).</summary>
    /// <param name="stageDirectory">The staged tree; package path <c>/p</c> is <c>stageDirectory/p</c>.</param>
    /// <param name="manifest">Package metadata. When <see cref="PackageManifest.Files"/> is empty every file and symlink
    /// under the stage is packed in ordinal path order; otherwise exactly the listed ones, in that order, with their
    /// listed permissions (sums are always recomputed). <see cref="PackageManifest.Directories"/> become directory entries.</param>
    /// <param name="outputPath">The package file to write, conventionally <c>&lt;name&gt;-&lt;version&gt;.pkg</c>.</param>
    /// <param name="options">Compression and format options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the write; the output file is then not created.</param>
    /// <exception cref="PackageFormatException">A listed file is missing or a path is unsafe.</exception>
    public static async Task<PackageManifest> WriteAsync(
        string stageDirectory,
        PackageManifest manifest,
        string outputPath,
        PackageWriterOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stageDirectory);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options ??= new PackageWriterOptions();
        options.Validate();
        var stage = Path.GetFullPath(stageDirectory);
        if (!Directory.Exists(stage))
        {
            throw new DirectoryNotFoundException($"staged directory '{stage}' does not exist");
        }

        var staged = manifest.Files.Count > 0
            ? manifest.Files.Select(f => Stat(stage, f.Path, f.Permissions, options)).ToList()
            : Walk(stage).Select(p => Stat(stage, p, null, options)).ToList();
        var files = new List<PackageFile>(staged.Count);
        long flatSize = 0;
        for (var i = 0; i < staged.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var s = staged[i];
            if (s.LinkTarget is null)
            {
                var hash = await HashFileAsync(s.FullPath, cancellationToken).ConfigureAwait(false);
                staged[i] = s = s with { Sum = Checksums.FormatSha256(hash) };
            }

            flatSize += s.Size;
            var listed = manifest.Files.Count > 0 ? manifest.Files[i] : null;
            files.Add(new PackageFile(s.PackagePath, s.Sum)
            {
                UName = listed?.UName ?? "root",
                GName = listed?.GName ?? "wheel",
                Permissions = s.Permissions,
                FileFlags = listed?.FileFlags,
                SymlinkTarget = s.LinkTarget,
                ModificationTime = s.MTime,
            });
        }

        var directories = manifest.Directories.Select(d =>
            PathRules.Normalize(d.Path) is { } p ? d with { Path = p + "/" } : throw new PackageFormatException(
                PackageErrorKind.PathTraversal, stage, d.Path, "directory path is not a safe absolute path")).ToList();
        var final = manifest with { Files = files, FlatSize = flatSize, FilesForm = options.FilesForm, Directories = directories };
        await WriteArchiveAsync(final, staged, outputPath, options, cancellationToken).ConfigureAwait(false);
        return final;
    }

    private static async Task WriteArchiveAsync(
        PackageManifest manifest, List<StagedFile> staged, string outputPath, PackageWriterOptions options, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var temp = output + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                var compressed = OpenCompressor(file, options);
                await using (compressed.ConfigureAwait(false))
                {
                    var tar = new TarWriter(compressed, TarEntryFormat.Pax, leaveOpen: true);
                    await using (tar.ConfigureAwait(false))
                    {
                        await WriteEntriesAsync(tar, manifest, staged, options, cancellationToken).ConfigureAwait(false);
                    }
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, output, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task WriteEntriesAsync(
        TarWriter tar, PackageManifest manifest, List<StagedFile> staged, PackageWriterOptions options, CancellationToken cancellationToken)
    {
        foreach (var (name, bytes) in new[]
        {
            ("+COMPACT_MANIFEST", PackageManifestSerializer.ToCompactJson(manifest)),
            ("+MANIFEST", PackageManifestSerializer.ToFullJson(manifest)),
        })
        {
            var entry = TarEntries.Create(TarEntryType.RegularFile, name, 0x1A4, DateTimeOffset.UnixEpoch);
            entry.DataStream = new MemoryStream(bytes, writable: false);
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        foreach (var s in staged)
        {
            var mtime = DateTimeOffset.FromUnixTimeSeconds(s.MTime);
            if (s.LinkTarget is not null)
            {
                var link = TarEntries.Create(TarEntryType.SymbolicLink, s.PackagePath, s.Permissions, mtime, s.LinkTarget);
                await tar.WriteEntryAsync(link, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var entry = TarEntries.Create(TarEntryType.RegularFile, s.PackagePath, s.Permissions, mtime);
            var data = new FileStream(s.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
            await using (data.ConfigureAwait(false))
            {
                if (data.Length != s.Size)
                {
                    throw new IOException($"staged file '{s.FullPath}' changed size while the package was being written");
                }

                entry.DataStream = data;
                await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }

        var dirTime = options.Timestamp ?? DateTimeOffset.UnixEpoch;
        foreach (var d in manifest.Directories)
        {
            var entry = TarEntries.Create(TarEntryType.Directory, d.Path, d.Permissions ?? 0x1ED, dirTime);
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Stream OpenCompressor(Stream file, PackageWriterOptions options) => options.Compression switch
    {
        PackageCompression.Zstd => new CompressionStream(file, options.CompressionLevel ?? DefaultZstdLevel, leaveOpen: true),
        PackageCompression.Gzip => options.CompressionLevel is { } level
            ? new GZipStream(file, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true)
            : new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true),
        _ => new NonClosingStream(file),
    };

    private static StagedFile Stat(string stage, string packagePath, int? listedPermissions, PackageWriterOptions options)
    {
        var normalized = PathRules.Normalize(packagePath) ?? throw new PackageFormatException(
            PackageErrorKind.PathTraversal, stage, packagePath, "file path is not a safe absolute path");
        var full = stage + normalized;
        var info = new FileInfo(full);
        if (!info.Exists && info.LinkTarget is null)
        {
            throw new PackageFormatException(PackageErrorKind.MissingEntry, stage, normalized,
                Directory.Exists(full) ? "is a directory; list it in Directories instead" : "is listed but not staged");
        }

        var mtime = options.Timestamp?.ToUnixTimeSeconds() ?? new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds();
        if (info.LinkTarget is { } target)
        {
            return new StagedFile(normalized, full, target, System.Text.Encoding.UTF8.GetByteCount(target),
                Checksums.ForSymlink(target), listedPermissions ?? 0x1ED, mtime);
        }

        var mode = listedPermissions ?? ((int)info.UnixFileMode & 0xFFF);
        return new StagedFile(normalized, full, null, info.Length, "-", mode, mtime);
    }

    private static IEnumerable<string> Walk(string stage)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push("");
        while (pending.Count > 0)
        {
            var relative = pending.Pop();
            foreach (var info in new DirectoryInfo(stage + relative).EnumerateFileSystemInfos())
            {
                var path = relative + "/" + info.Name;
                if (info.LinkTarget is null && info is DirectoryInfo)
                {
                    pending.Push(path);
                }
                else
                {
                    result.Add(path);
                }
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static async Task<byte[]> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            return await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }
}
