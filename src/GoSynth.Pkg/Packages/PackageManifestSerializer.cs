using System.Text;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Packages;

/// <summary>
/// Reads and writes pkg(8) manifests. Accepted input: the compact JSON pkg writes (UCL emitted as JSON), plus the
/// relaxations UCL's JSON reader allows that pkg tools may produce: <c>//</c> and <c>/* */</c> comments, trailing
/// commas, numbers given as strings, a single string where an array is expected, and the pre-1.10 <c>message</c>
/// string. UCL's configuration syntax (<c>key = value;</c>) is not accepted for manifests. Unknown keys are ignored,
/// as pkg does. Output is compact JSON in pkg's key order with empty fields omitted and pkg's %-encoding of
/// descriptions, paths and scripts.
/// </summary>
public static class PackageManifestSerializer
{
    /// <summary>Parses a manifest (<c>+MANIFEST</c>, <c>+COMPACT_MANIFEST</c> or a catalog line) from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The manifest bytes.</param>
    /// <param name="filePath">The file it came from, for error messages.</param>
    /// <param name="entryName">The archive member it came from, for error messages.</param>
    /// <exception cref="PackageFormatException">Not JSON, not an object, no name or version, or a field of the wrong shape.</exception>
    public static PackageManifest Parse(ReadOnlySpan<byte> utf8Json, string filePath, string? entryName)
    {
        using var document = ManifestParser.OpenDocument(utf8Json.ToArray(), filePath, entryName);
        return ManifestParser.Parse(document.RootElement, filePath, entryName);
    }

    /// <summary>Parses a manifest from JSON text.</summary>
    /// <param name="json">The manifest text.</param>
    /// <param name="filePath">The file it came from, for error messages.</param>
    /// <exception cref="PackageFormatException">See <see cref="Parse(ReadOnlySpan{byte}, string, string?)"/>.</exception>
    public static PackageManifest Parse(string json, string filePath) => Parse(Encoding.UTF8.GetBytes(json), filePath, null);

    /// <summary>Writes the full manifest (<c>+MANIFEST</c>) as compact UTF-8 JSON.</summary>
    public static byte[] ToFullJson(PackageManifest manifest) => ManifestEmitter.ToBytes(Require(manifest), full: true);

    /// <summary>Writes the compact manifest (<c>+COMPACT_MANIFEST</c>): no files, config, directories or scripts.</summary>
    public static byte[] ToCompactJson(PackageManifest manifest) => ManifestEmitter.ToBytes(Require(manifest), full: false);

    private static PackageManifest Require(PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest;
    }
}
