using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>The catalog files of a repository directory: which are stale after a rebuild, and whether the current
/// catalog is signed.</summary>
internal static class CatalogFiles
{
    private static readonly string[] s_stems = ["packagesite", "data", "digests", "filesite", "files", "meta"];

    private static readonly string[] s_extensions = [".pkg", ".txz", ".tzst", ".tbz", ".tgz", ".tar"];

    /// <summary>Catalog archives a v2 rebuild (which writes <c>packagesite.pkg</c>, <c>data.pkg</c>, <c>meta</c> and
    /// <c>meta.conf</c>) replaces: other formats of them, v1 <c>digests</c>, <c>meta.txz</c>, and file lists that no
    /// longer describe the packages.</summary>
    public static List<string> Stale(string root)
    {
        var written = new HashSet<string>(StringComparer.Ordinal) { "packagesite.pkg", "data.pkg" };
        return s_stems.SelectMany(stem => s_extensions.Select(ext => stem + ext))
            .Where(name => !written.Contains(name) && File.Exists(Path.Combine(root, name)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The names of the signature members in the current catalog archives (empty when unsigned or absent).
    /// Only member headers before each payload are read.</summary>
    public static async Task<List<string>> SignatureMembersAsync(string root, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (var name in new[] { "data.pkg", "packagesite.pkg", "packagesite.txz", "packagesite.tzst" })
        {
            var path = Path.Combine(root, name);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                var archive = await ArchiveReader.OpenFileAsync(path, cancellationToken).ConfigureAwait(false);
                await using (archive.ConfigureAwait(false))
                {
                    while (await archive.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        var member = entry.Name.TrimStart('/');
                        if (member != "signature" && !member.EndsWith(".sig", StringComparison.Ordinal) && !member.EndsWith(".pub", StringComparison.Ordinal))
                        {
                            break;
                        }

                        found.Add($"{name}:{member}");
                    }
                }
            }
            catch (PackageFormatException)
            {
                // A damaged old catalog is being replaced; its signature cannot be told and does not matter.
            }
        }

        return found;
    }
}
