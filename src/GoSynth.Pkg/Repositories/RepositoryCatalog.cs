using System.Text.Json;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;
using GoSynth.Pkg.Repositories.Internal;

namespace GoSynth.Pkg.Repositories;

/// <summary>A repository catalog read back: <c>meta.conf</c> keys and the package entries.</summary>
/// <param name="Meta">The <c>meta.conf</c> (or <c>meta</c>) keys; empty when neither exists.</param>
/// <param name="Entries">The catalogued packages, in catalog order.</param>
public sealed record RepositoryCatalog(IReadOnlyDictionary<string, string> Meta, IReadOnlyList<CatalogEntry> Entries)
{
    /// <summary>Reads the catalog of <paramref name="repositoryDirectory"/>: <c>data.pkg</c> when present (pkg 1.21 and
    /// later), otherwise <c>packagesite.pkg</c> (or the <c>.txz</c>/<c>.tzst</c> names older catalogs use). The catalog
    /// is streamed: memory is bounded by <paramref name="options"/>, whatever the archive claims.</summary>
    /// <param name="repositoryDirectory">The repository root.</param>
    /// <param name="options">Limits on what reading may cost; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="FileNotFoundException">The directory has no catalog.</exception>
    /// <exception cref="PackageFormatException">The catalog archive is damaged, or an entry has the wrong shape.</exception>
    /// <exception cref="CatalogFormatException">A member or entry is past a limit, not UTF-8, or not a catalog.</exception>
    public static async Task<RepositoryCatalog> ReadAsync(string repositoryDirectory, CatalogReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var read = await ReadCoreAsync(repositoryDirectory, options, cancellationToken).ConfigureAwait(false);
        return read.Catalog;
    }

    /// <summary>Parses a <c>packagesite.yaml</c> member: one JSON object per line.</summary>
    /// <exception cref="CatalogFormatException">A line is not valid UTF-8.</exception>
    /// <exception cref="PackageFormatException">A line is not a catalog entry.</exception>
    public static IReadOnlyList<CatalogEntry> ParseLines(ReadOnlySpan<byte> content, string filePath, string member)
    {
        var entries = new List<CatalogEntry>();
        var lineNumber = 0;
        foreach (var range in content.Split((byte)'\n'))
        {
            lineNumber++;
            var line = content[range];
            if (!line.Trim(" \r\t"u8).IsEmpty)
            {
                entries.Add(CatalogStreamReader.ParseEntry(line, filePath, $"{member} line {lineNumber}"));
            }
        }

        return entries;
    }

    /// <summary>Parses a <c>data</c> member: <c>{"groups":[…],"expired_packages":[…],"packages":[…]}</c>.</summary>
    /// <exception cref="CatalogFormatException">The member is not valid UTF-8.</exception>
    /// <exception cref="PackageFormatException">The member is not a catalog.</exception>
    public static IReadOnlyList<CatalogEntry> ParseData(ReadOnlySpan<byte> content, string filePath, string member)
    {
        var bad = Utf8Text.FirstInvalid(content);
        if (bad >= 0)
        {
            throw new CatalogFormatException(CatalogErrorKind.InvalidUtf8, filePath, member, $"the member is not valid UTF-8 (bad byte at offset {bad})");
        }

        using var document = ManifestParser.OpenDocument(content.ToArray(), filePath, member);
        if (!document.RootElement.TryGetProperty("packages", out var packages) || packages.ValueKind != JsonValueKind.Array)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, member, "catalog has no 'packages' array");
        }

        var entries = new List<CatalogEntry>();
        var index = 0;
        foreach (var item in packages.EnumerateArray())
        {
            entries.Add(ParseEntry(item, filePath, $"{member} packages[{index++}]"));
        }

        return entries;
    }

    /// <summary>Reads the catalog and what its archives held besides the entries (member hashes, signature members),
    /// including a v1 <c>meta.txz</c> when there is no plain <c>meta.conf</c>/<c>meta</c>.</summary>
    internal static async Task<CatalogRead> ReadCoreAsync(string repositoryDirectory, CatalogReadOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        options ??= new CatalogReadOptions();
        options.Validate();
        var meta = await ReadMetaAsync(repositoryDirectory, cancellationToken).ConfigureAwait(false);
        CatalogArchiveContent? metaContent = null;
        string? metaPath = null;
        if (meta is null)
        {
            metaPath = new[] { "meta.pkg", "meta.txz", "meta.tzst" }.Select(n => Path.Combine(repositoryDirectory, n)).FirstOrDefault(File.Exists);
            meta = new Dictionary<string, string>(StringComparer.Ordinal);
            if (metaPath is not null)
            {
                var (text, content) = await CatalogStreamReader.ReadMetaArchiveAsync(metaPath, cancellationToken).ConfigureAwait(false);
                meta = MetaConf.Parse(System.Text.Encoding.UTF8.GetString(text));
                metaContent = content;
            }
        }

        var (path, member, dataForm) = FindArchive(repositoryDirectory, meta) ?? throw new FileNotFoundException(
            $"'{repositoryDirectory}' has no catalog (data.pkg or packagesite.pkg); run rebuild-repository first");

        var catalog = await CatalogStreamReader.ReadAsync(path, member, dataForm, options, cancellationToken).ConfigureAwait(false);
        return new CatalogRead(new RepositoryCatalog(meta, catalog.Entries), catalog, path, member, metaContent, metaPath);
    }

    /// <summary>The catalog archive a client reads: <c>data.pkg</c>, else <c>packagesite</c> with a known extension.</summary>
    internal static (string Path, string Member, bool DataForm)? FindArchive(string repositoryDirectory, IReadOnlyDictionary<string, string> meta)
    {
        var dataArchive = Path.Combine(repositoryDirectory, "data.pkg");
        if (File.Exists(dataArchive))
        {
            return (dataArchive, meta.GetValueOrDefault("data", "data"), true);
        }

        var siteMember = meta.GetValueOrDefault("manifests", "packagesite.yaml");
        var siteArchive = meta.GetValueOrDefault("manifests_archive", "packagesite");
        foreach (var ext in new[] { ".pkg", ".tzst", ".txz" })
        {
            var path = Path.Combine(repositoryDirectory, siteArchive + ext);
            if (File.Exists(path))
            {
                return (path, siteMember, false);
            }
        }

        return null;
    }

    /// <summary>The plain <c>meta.conf</c> (or <c>meta</c>) keys, or <see langword="null"/> when neither exists.</summary>
    internal static async Task<Dictionary<string, string>?> ReadMetaAsync(string repositoryDirectory, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "meta.conf", "meta" })
        {
            var path = Path.Combine(repositoryDirectory, name);
            var info = new FileInfo(path);
            if (info.Exists)
            {
                if (info.Length > CatalogStreamReader.MaxSignatureBytes)
                {
                    throw new CatalogFormatException(CatalogErrorKind.TooLarge, path, null, $"{info.Length} bytes is too large for a meta file");
                }

                return MetaConf.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            }
        }

        return null;
    }

    internal static CatalogEntry ParseEntry(JsonElement element, string filePath, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, where, "catalog entry is not a JSON object");
        }

        var manifest = ManifestParser.Parse(element, filePath, where);
        string sum = "", path = "", repoPath = "";
        long size = 0;
        try
        {
            foreach (var p in element.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "sum": sum = ManifestParser.Text(p.Value, "sum"); break;
                    case "path": path = ManifestParser.Text(p.Value, "path"); break;
                    case "repopath": repoPath = ManifestParser.Text(p.Value, "repopath"); break;
                    case "pkgsize": size = ManifestParser.Number(p.Value, "pkgsize"); break;
                    default: break;
                }
            }
        }
        catch (ManifestParser.ManifestShapeException ex)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, where, ex.Message, ex);
        }

        if (repoPath.Length == 0)
        {
            repoPath = path;
        }

        if (path.Length == 0)
        {
            path = repoPath;
        }

        if (path.Length == 0)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, where, $"catalog entry for '{manifest.Name}' has no path");
        }

        return new CatalogEntry(manifest, sum, path, repoPath, size);
    }
}
