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
    /// later), otherwise <c>packagesite.pkg</c> (or the <c>.txz</c>/<c>.tzst</c> names older catalogs use).</summary>
    /// <exception cref="FileNotFoundException">The directory has no catalog.</exception>
    /// <exception cref="PackageFormatException">The catalog is unreadable.</exception>
    public static async Task<RepositoryCatalog> ReadAsync(string repositoryDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "meta.conf", "meta" })
        {
            var path = Path.Combine(repositoryDirectory, name);
            if (File.Exists(path))
            {
                meta = MetaConf.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
                break;
            }
        }

        var dataMember = meta.GetValueOrDefault("data", "data");
        var dataArchive = Path.Combine(repositoryDirectory, "data.pkg");
        if (File.Exists(dataArchive))
        {
            var bytes = await CatalogArchive.ReadMemberAsync(dataArchive, dataMember, cancellationToken).ConfigureAwait(false);
            return new RepositoryCatalog(meta, ParseData(bytes, dataArchive, dataMember));
        }

        var siteMember = meta.GetValueOrDefault("manifests", "packagesite.yaml");
        var siteArchive = meta.GetValueOrDefault("manifests_archive", "packagesite");
        foreach (var ext in new[] { ".pkg", ".tzst", ".txz" })
        {
            var path = Path.Combine(repositoryDirectory, siteArchive + ext);
            if (File.Exists(path))
            {
                var bytes = await CatalogArchive.ReadMemberAsync(path, siteMember, cancellationToken).ConfigureAwait(false);
                return new RepositoryCatalog(meta, ParseLines(bytes, path, siteMember));
            }
        }

        throw new FileNotFoundException($"'{repositoryDirectory}' has no catalog (data.pkg or packagesite.pkg); run rebuild-repository first");
    }

    /// <summary>Parses a <c>packagesite.yaml</c> member: one JSON object per line.</summary>
    public static IReadOnlyList<CatalogEntry> ParseLines(ReadOnlySpan<byte> content, string filePath, string member)
    {
        var entries = new List<CatalogEntry>();
        var lineNumber = 0;
        foreach (var range in content.Split((byte)'\n'))
        {
            lineNumber++;
            var line = content[range];
            if (line.Trim(" \r\t"u8).IsEmpty)
            {
                continue;
            }

            using var document = ManifestParser.OpenDocument(line.ToArray(), filePath, $"{member} line {lineNumber}");
            entries.Add(ParseEntry(document.RootElement, filePath, $"{member} line {lineNumber}"));
        }

        return entries;
    }

    /// <summary>Parses a <c>data</c> member: <c>{"groups":[…],"expired_packages":[…],"packages":[…]}</c>.</summary>
    public static IReadOnlyList<CatalogEntry> ParseData(ReadOnlySpan<byte> content, string filePath, string member)
    {
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

    private static CatalogEntry ParseEntry(JsonElement element, string filePath, string where)
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
