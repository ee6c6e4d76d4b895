using System.Formats.Tar;
using System.Security.Cryptography;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Phase 1 of an install: streams the payload into a flat staging directory (one numbered file per entry),
/// verifying every checksum against <c>+MANIFEST</c>, refusing unsafe or clashing paths and anything past the declared
/// size, before anything below the root changes.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class InstallExtractor
{
    public static async Task<InstallPlan> ExtractAsync(
        ArchiveReader archive, ManifestSection section, StagingArea staging, PackageInstallOptions options, OwnerMap? owners,
        CancellationToken cancellationToken)
    {
        var file = archive.FilePath;
        var ledger = new PathLedger(file);
        var expected = new Dictionary<string, PackageFile>(StringComparer.Ordinal);
        foreach (var f in section.Manifest.Files)
        {
            var normalized = PathRules.Normalize(f.Path) ?? throw new PackageFormatException(
                PackageErrorKind.PathTraversal, file, f.Path, "+MANIFEST lists a path that is not a safe absolute path");
            expected[normalized] = f;
        }

        var plan = new InstallPlan();
        var directoryOwners = new Dictionary<string, (string? User, string? Group, int? Uid, int? Gid)>(StringComparer.Ordinal);
        foreach (var d in section.Manifest.Directories)
        {
            var components = PathRules.Split(d.Path) ?? throw new PackageFormatException(
                PackageErrorKind.PathTraversal, file, d.Path, "+MANIFEST lists a directory that is not a safe absolute path");
            var normalized = "/" + string.Join('/', components);
            if (expected.ContainsKey(normalized))
            {
                throw new PackageFormatException(PackageErrorKind.PathClash, file, d.Path,
                    "+MANIFEST lists this path both as a file and as a directory");
            }

            ledger.AddDirectory(d.Path, components);
            plan.Directories[normalized] = d.Permissions;
            directoryOwners[normalized] = (d.UName, d.GName, null, null);
        }

        var budget = new PayloadBudget(file, section.Manifest.FlatSize, options.MaxPayloadBytes, options.MaxEntries);
        var stagedByPath = new Dictionary<string, (string Staged, string Hex)>(StringComparer.Ordinal);
        var buffer = new byte[1 << 16];
        var counter = 0;
        for (var entry = section.FirstPayloadEntry; entry is not null; entry = await archive.NextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ManifestSection.IsMetadataName(entry.Name))
            {
                budget.Take(entry.Name, 0);
                continue;
            }

            var components = PathRules.Split(entry.Name) ?? throw new PackageFormatException(
                PackageErrorKind.PathTraversal, file, entry.Name, "entry name is empty or contains '..', '.' or NUL");
            var path = "/" + string.Join('/', components);
            var kind = PackageReader.KindOf(entry.EntryType);
            budget.Take(entry.Name, kind == PackageEntryKind.File ? entry.Length : 0);
            if (kind == PackageEntryKind.Directory)
            {
                ledger.AddDirectory(entry.Name, components);

                // The manifest's mode wins when it gives one (pkg >= 2.4); an older "y" entry leaves the archive's.
                if (!plan.Directories.TryGetValue(path, out var listedMode) || listedMode is null)
                {
                    plan.Directories[path] = (int)entry.Mode & 0xFFF;
                }

                // Names from the manifest win (pkg >= 2.4 lists them), else the archive's; the archive's ids are the fallback.
                var listedOwner = directoryOwners.GetValueOrDefault(path);
                directoryOwners[path] = (listedOwner.User ?? UserName(entry), listedOwner.Group ?? GroupName(entry), entry.Uid, entry.Gid);
                continue;
            }

            if (!ledger.AddLeaf(entry.Name, components, kind == PackageEntryKind.Symlink))
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
                    var staged = (counter++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var owner = owners?.Resolve(path, listed.UName ?? UserName(entry), listed.GName ?? GroupName(entry), entry.Uid, entry.Gid);
                    var hex = await CopyAndHashAsync(archive, entry, staging, staged, owner, options.PreserveModificationTimes, buffer, cancellationToken)
                        .ConfigureAwait(false);
                    Verify(file, entry.Name, listed.Sum, hex);
                    stagedByPath[path] = (staged, hex);
                    plan.Items.Add(new PlannedItem(path, components, staged, null, null));
                    break;
                case PackageEntryKind.Symlink:
                    if (string.IsNullOrEmpty(entry.LinkName))
                    {
                        throw new PackageFormatException(PackageErrorKind.Corrupt, file, entry.Name, "symlink has an empty target");
                    }

                    VerifySum(file, entry.Name, listed.Sum, Checksums.ForSymlink(entry.LinkName));
                    var linkOwner = owners?.Resolve(path, listed.UName ?? UserName(entry), listed.GName ?? GroupName(entry), entry.Uid, entry.Gid);
                    plan.Items.Add(new PlannedItem(path, components, null, entry.LinkName, linkOwner));
                    break;
                case PackageEntryKind.HardLink:
                    var source = PathRules.Normalize(entry.LinkName);
                    if (source is null || !stagedByPath.TryGetValue(source, out var original))
                    {
                        throw new PackageFormatException(PackageErrorKind.UnexpectedEntry, file, entry.Name,
                            $"hard link to '{entry.LinkName}', which is not an earlier file of the package");
                    }

                    Verify(file, entry.Name, listed.Sum, original.Hex);
                    var link = (counter++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    staging.Link(original.Staged, link);
                    plan.Items.Add(new PlannedItem(path, components, link, null, null)); // shares the owner of its inode
                    break;
                default:
                    throw new PackageFormatException(PackageErrorKind.UnexpectedEntry, file, entry.Name, $"entry type {entry.EntryType} is not installable");
            }
        }

        if (owners is not null)
        {
            foreach (var (path, o) in directoryOwners)
            {
                plan.DirectoryOwners[path] = owners.Resolve(path, o.User, o.Group, o.Uid, o.Gid);
            }
        }

        foreach (var path in expected.Keys)
        {
            if (!ledger.HasLeaf(path))
            {
                throw new PackageFormatException(PackageErrorKind.MissingEntry, file, path, "is listed in +MANIFEST but absent from the archive");
            }
        }

        return plan;
    }

    private static async Task<string> CopyAndHashAsync(
        ArchiveReader archive, TarEntry entry, StagingArea staging, string staged, Ownership? owner, bool preserveTime, byte[] buffer,
        CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var output = staging.CreateFile(staged, owner);
        await using (output.ConfigureAwait(false))
        {
            var left = entry.Length;
            if (entry.DataStream is { } data)
            {
                while (left > 0)
                {
                    int n;
                    try
                    {
                        n = await data.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ArchiveReader.IsFormatError(ex))
                    {
                        throw archive.Wrap(ex, entry.Name);
                    }

                    if (n == 0)
                    {
                        throw new PackageFormatException(PackageErrorKind.Truncated, archive.FilePath, entry.Name,
                            $"the archive ends {left} bytes before the end of this entry");
                    }

                    left -= n;
                    hash.AppendData(buffer, 0, n);
                    await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (owner is { } o)
            {
                // chown clears setuid and setgid bits, so the mode is applied after it.
                StagingArea.Chown(output, o, archive.FilePath, entry.Name);
            }

            File.SetUnixFileMode(output.SafeFileHandle, (UnixFileMode)((int)entry.Mode & 0xFFF));
            if (preserveTime)
            {
                File.SetLastWriteTimeUtc(output.SafeFileHandle, entry.ModificationTime.UtcDateTime);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string? UserName(TarEntry entry) => entry is PosixTarEntry { UserName: { Length: > 0 } name } ? name : null;

    private static string? GroupName(TarEntry entry) => entry is PosixTarEntry { GroupName: { Length: > 0 } name } ? name : null;

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
