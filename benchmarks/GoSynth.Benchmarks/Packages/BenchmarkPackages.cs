using System.Text;
using GoSynth.Pkg.Packages;

namespace GoSynth.Benchmarks.Packages;

/// <summary>Generates realistic package files for the package benchmarks (deterministic content).</summary>
internal static class BenchmarkPackages
{
    /// <summary>Writes <paramref name="count"/> packages of a few files each (about 10–40 KB) into <paramref name="all"/>.</summary>
    public static async Task<long> GenerateManyAsync(string all, int count, int seed = 42)
    {
        Directory.CreateDirectory(all);
        var random = new Random(seed);
        var stage = Path.Combine(Path.GetDirectoryName(all)!, ".stage");
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            if (Directory.Exists(stage))
            {
                Directory.Delete(stage, recursive: true);
            }

            var name = $"port{i:D5}";
            var files = 2 + random.Next(5);
            for (var f = 0; f < files; f++)
            {
                var dir = Path.Combine(stage, "usr/local", f == 0 ? "bin" : $"share/{name}");
                Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, f == 0 ? name : $"file{f}.txt"), Content(random, 2_000 + random.Next(30_000)));
            }

            var manifest = new PackageManifest
            {
                Name = name,
                Origin = $"category{i % 60}/{name}",
                Version = $"1.{i % 17}.{i % 5}",
                Comment = "Generated package for benchmarks",
                Maintainer = "ports@example.org",
                Www = "https://example.org/" + name,
                Abi = "FreeBSD:14:amd64",
                Arch = "freebsd:14:x86:64",
                Prefix = "/usr/local",
                Licenses = ["BSD2CLAUSE"],
                LicenseLogic = "single",
                Description = "A generated package with a description of typical length.\n\nWWW: https://example.org/" + name,
                Dependencies = Enumerable.Range(0, Math.Min(i, random.Next(6))).Select(d => random.Next(i)).Distinct()
                    .Select(d => new PackageDependency($"port{d:D5}", $"category{d % 60}/port{d:D5}", "1.0")).ToArray(),
                Categories = [$"category{i % 60}"],
                ShlibsRequired = ["libc.so.7", "libm.so.5"],
                Annotations = [KeyValuePair.Create("FreeBSD_version", "1400097")],
            };
            var output = Path.Combine(all, $"{name}-{manifest.Version}.pkg");
            await PackageWriter.WriteAsync(stage, manifest, output, new PackageWriterOptions { CompressionLevel = 1, Timestamp = DateTimeOffset.FromUnixTimeSeconds(1700000000) });
            total += new FileInfo(output).Length;
        }

        Directory.Delete(stage, recursive: true);
        return total;
    }

    /// <summary>Replaces package <paramref name="index"/> of <see cref="GenerateManyAsync"/> (same name, version and file
    /// name) with one of other content: another comment and file, so its size, sum and catalog line change.</summary>
    public static async Task RewriteAsync(string all, int index, int round)
    {
        var stage = Path.Combine(Path.GetDirectoryName(all)!, $".stage-{index}");
        var name = $"port{index:D5}";
        var random = new Random((index * 7919) + round);
        var dir = Path.Combine(stage, "usr/local/bin");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, name), Content(random, 2_000 + random.Next(30_000)));
        var manifest = new PackageManifest
        {
            Name = name,
            Origin = $"category{index % 60}/{name}",
            Version = $"1.{index % 17}.{index % 5}",
            Comment = $"Generated package for benchmarks, rebuilt in round {round}",
            Maintainer = "ports@example.org",
            Www = "https://example.org/" + name,
            Abi = "FreeBSD:14:amd64",
            Arch = "freebsd:14:x86:64",
            Prefix = "/usr/local",
            Licenses = ["BSD2CLAUSE"],
            LicenseLogic = "single",
            Description = "A generated package with a description of typical length.\n\nWWW: https://example.org/" + name,
            Categories = [$"category{index % 60}"],
            ShlibsRequired = ["libc.so.7", "libm.so.5"],
            Annotations = [KeyValuePair.Create("FreeBSD_version", "1400097")],
        };
        await PackageWriter.WriteAsync(stage, manifest, Path.Combine(all, $"{name}-{manifest.Version}.pkg"), new PackageWriterOptions { CompressionLevel = 1 });
        Directory.Delete(stage, recursive: true);
    }

    /// <summary>Writes one package of about <paramref name="megabytes"/> MB of installed content (1 MB files).</summary>
    public static async Task<string> GenerateLargeAsync(string directory, int megabytes, PackageCompression compression = PackageCompression.Zstd)
    {
        var stage = Path.Combine(directory, ".stage-large");
        var random = new Random(7);
        for (var i = 0; i < megabytes; i++)
        {
            var dir = Path.Combine(stage, "usr/local/lib/big", $"d{i % 8}");
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, $"blob{i:D3}.so"), Content(random, 1 << 20));
        }

        var output = Path.Combine(directory, $"big{megabytes}-1.0.{(compression == PackageCompression.Xz ? "txz" : "pkg")}");
        var manifest = new PackageManifest { Name = "big", Version = "1.0", Origin = "misc/big", Prefix = "/usr/local" };
        if (compression == PackageCompression.Xz)
        {
            // PackageWriter writes no xz: write a plain tar and compress it with xz as pkg 1.x did (level 6).
            var tar = output + ".tar";
            await PackageWriter.WriteAsync(stage, manifest, tar, new PackageWriterOptions { Compression = PackageCompression.None });
            using var xz = System.Diagnostics.Process.Start("xz", ["-6", "-T2", "-f", tar])!;
            await xz.WaitForExitAsync();
            File.Move(tar + ".xz", output, overwrite: true);
        }
        else
        {
            await PackageWriter.WriteAsync(stage, manifest, output, new PackageWriterOptions { CompressionLevel = 3 });
        }

        Directory.Delete(stage, recursive: true);
        return output;
    }

    /// <summary>Text-like content that compresses roughly like binaries and docs do (2–4×).</summary>
    private static byte[] Content(Random random, int length)
    {
        var words = new[] { "port", "package", "build", "install", "library", "static", "shared", "option", "depend", "slot" };
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
        {
            if (random.Next(4) == 0)
            {
                text.Append((char)('a' + random.Next(26))).Append((char)('0' + random.Next(10)));
            }

            text.Append(words[random.Next(words.Length)]).Append(random.Next(3) == 0 ? '\n' : ' ');
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString(0, length));
        for (var i = 0; i < bytes.Length; i += 7)
        {
            bytes[i] ^= (byte)random.Next(256);
        }

        return bytes;
    }
}
