using System.Formats.Tar;
using System.Security.Cryptography;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Phase 1 of an install: streams the payload into a flat staging directory (one numbered file per entry),
/// verifying every checksum against <c>+MANIFEST</c> and refusing unsafe paths, before anything below the root changes.
/// </summary>
internal static class InstallExtractor
{
    public static async Task<InstallPlan> ExtractAsync(
        ArchiveReader archive, ManifestSection section, string staging, bool preserveTimes, CancellationToken cancellationToken)
    {
        var file = archive.FilePath;
        var expected = new Dictionary<string, PackageFile>(StringComparer.Ordinal);
        foreach (var f in section.Manifest.Files)
        {
            var normalized = PathRules.Normalize(f.Path) ?? throw new PackageFormatException(
                PackageErrorKind.PathTraversal, file, f.Path, "+MANIFEST lists a path that is not a safe absolute path");
            expected[normalized] = f;
        }

        var plan = new InstallPlan();
        foreach (var d in section.Manifest.Directories)
        {
            var normalized = PathRules.Normalize(d.Path) ?? throw new PackageFormatException(
                PackageErrorKind.PathTraversal, file, d.Path, "+MANIFEST lists a directory that is not a safe absolute path");
            plan.Directories[normalized] = d.Permissions ?? 0x1ED;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var links = new HashSet<string>(StringComparer.Ordinal);
        var stagedByPath = new Dictionary<string, (string Staged, string Hex)>(StringComparer.Ordinal);
        var buffer = new byte[1 << 16];
        var counter = 0;
        for (var entry = section.FirstPayloadEntry; entry is not null; entry = await archive.NextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ManifestSection.IsMetadataName(entry.Name))
            {
                continue;
            }

            var components = PathRules.Split(entry.Name) ?? throw new PackageFormatException(
                PackageErrorKind.PathTraversal, file, entry.Name, "entry name is empty or contains '..', '.' or NUL");
            var path = "/" + string.Join('/', components);
            var kind = PackageReader.KindOf(entry.EntryType);
            for (var i = 1; i < components.Length; i++)
            {
                var parent = "/" + string.Join('/', components, 0, i);
                if (links.Contains(parent))
                {
                    throw new PackageFormatException(PackageErrorKind.PathTraversal, file, entry.Name,
                        $"would be written through '{parent}', a symlink in the same package");
                }
            }

            if (kind == PackageEntryKind.Directory)
            {
                plan.Directories.TryAdd(path, (int)entry.Mode & 0xFFF);
                continue;
            }

            if (!seen.Add(path))
            {
                throw new PackageFormatException(PackageErrorKind.UnexpectedEntry, file, entry.Name, "the archive holds this path twice");
            }

            if (!expected.TryGetValue(path, out var listed))
            {
                throw new PackageFormatException(PackageErrorKind.UnexpectedEntry, file, entry.Name, "entry is not listed in +MANIFEST");
            }

            switch (kind)
            {
                case PackageEntryKind.File:
                    var staged = Path.Combine(staging, (counter++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var hex = await CopyAndHashAsync(archive, entry, staged, buffer, cancellationToken).ConfigureAwait(false);
                    Verify(file, entry.Name, listed.Sum, hex);
                    UnixModes.Set(staged, (int)entry.Mode);
                    if (preserveTimes)
                    {
                        File.SetLastWriteTimeUtc(staged, entry.ModificationTime.UtcDateTime);
                    }

                    stagedByPath[path] = (staged, hex);
                    plan.Items.Add(new PlannedItem(path, components, staged, null));
                    break;
                case PackageEntryKind.Symlink:
                    if (string.IsNullOrEmpty(entry.LinkName))
                    {
                        throw new PackageFormatException(PackageErrorKind.Corrupt, file, entry.Name, "symlink has an empty target");
                    }

                    VerifySum(file, entry.Name, listed.Sum, Checksums.ForSymlink(entry.LinkName));
                    links.Add(path);
                    plan.Items.Add(new PlannedItem(path, components, null, entry.LinkName));
                    break;
                case PackageEntryKind.HardLink:
                    var source = PathRules.Normalize(entry.LinkName);
                    if (source is null || !stagedByPath.TryGetValue(source, out var original))
                    {
                        throw new PackageFormatException(PackageErrorKind.UnexpectedEntry, file, entry.Name,
                            $"hard link to '{entry.LinkName}', which is not an earlier file of the package");
                    }

                    Verify(file, entry.Name, listed.Sum, original.Hex);
                    var copy = Path.Combine(staging, (counter++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    File.Copy(original.Staged, copy);
                    plan.Items.Add(new PlannedItem(path, components, copy, null));
                    break;
                default:
                    throw new PackageFormatException(PackageErrorKind.UnexpectedEntry, file, entry.Name, $"entry type {entry.EntryType} is not installable");
            }
        }

        foreach (var path in expected.Keys)
        {
            if (!seen.Contains(path))
            {
                throw new PackageFormatException(PackageErrorKind.MissingEntry, file, path, "is listed in +MANIFEST but absent from the archive");
            }
        }

        return plan;
    }

    private static async Task<string> CopyAndHashAsync(ArchiveReader archive, TarEntry entry, string staged, byte[] buffer, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var output = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (output.ConfigureAwait(false))
        {
            if (entry.DataStream is { } data)
            {
                while (true)
                {
                    int n;
                    try
                    {
                        n = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ArchiveReader.IsFormatError(ex))
                    {
                        throw archive.Wrap(ex, entry.Name);
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    hash.AppendData(buffer, 0, n);
                    await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Verify(string file, string entry, string sum, string actualHex)
    {
        VerifySum(file, entry, sum, Checksums.Sha256HexPrefix + actualHex);
    }

    private static void VerifySum(string file, string entry, string sum, string actual)
    {
        string expectedHex;
        try
        {
            if (!Checksums.TryGetSha256Hex(sum, out expectedHex))
            {
                return; // pkg writes '-' when it recorded no sum
            }
        }
        catch (NotSupportedException ex)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, file, entry, ex.Message, ex);
        }

        if (!string.Equals(Checksums.Sha256HexPrefix + expectedHex, actual, StringComparison.Ordinal))
        {
            throw new PackageFormatException(PackageErrorKind.ChecksumMismatch, file, entry,
                $"checksum mismatch: +MANIFEST records {sum}, the content hashes to {actual}");
        }
    }
}
