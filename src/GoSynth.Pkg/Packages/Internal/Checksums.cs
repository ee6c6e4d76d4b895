using System.Security.Cryptography;
using System.Text;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>pkg's <c>&lt;type&gt;$&lt;hash&gt;</c> checksum strings for files and symlinks.</summary>
internal static class Checksums
{
    public const string Sha256HexPrefix = "1$";

    public static string FormatSha256(ReadOnlySpan<byte> hash) => Sha256HexPrefix + Convert.ToHexStringLower(hash);

    /// <summary>The sum pkg records for a symlink: SHA-256 of the target text after any leading slashes,
    /// padded with as many NUL bytes as slashes were skipped (pkg hashes <c>readlink()</c>'s length from there).</summary>
    public static string ForSymlink(string target)
    {
        var bytes = Encoding.UTF8.GetBytes(target);
        var skip = 0;
        while (skip < bytes.Length && bytes[skip] == (byte)'/')
        {
            skip++;
        }

        var data = new byte[bytes.Length];
        Array.Copy(bytes, skip, data, 0, bytes.Length - skip);
        return FormatSha256(SHA256.HashData(data));
    }

    /// <summary>Extracts the expected SHA-256 hex from a manifest sum, or returns false when the sum is absent
    /// (<c>-</c> or empty). Throws <see cref="NotSupportedException"/> for other checksum types.</summary>
    public static bool TryGetSha256Hex(string sum, out string hex)
    {
        hex = "";
        if (sum.Length == 0 || sum == "-")
        {
            return false;
        }

        if (sum.StartsWith(Sha256HexPrefix, StringComparison.Ordinal))
        {
            hex = sum[2..].ToLowerInvariant();
            return true;
        }

        if (sum.Length == 64 && !sum.Contains('$', StringComparison.Ordinal))
        {
            hex = sum.ToLowerInvariant();
            return true;
        }

        throw new NotSupportedException($"checksum type of '{sum}' is not supported (only 1$<sha256 hex> and bare sha256 hex)");
    }
}
