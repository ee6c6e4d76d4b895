using CsCheck;
using GoSynth.Pkg.Packages;

namespace GoSynth.Pkg.Tests.Packages;

public sealed class ManifestPropertyTests
{
    private static readonly Gen<string> s_text = Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 30];
    private static readonly Gen<string> s_nonEmpty = Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c) && c != '\0'), 1, 20];
    private static readonly Gen<string> s_path = Gen.String[Gen.Char['a', 'z'], 1, 8].Array[1, 4].Select(parts => "/usr/local/" + string.Join('/', parts) + "%é");

    private static readonly Gen<PackageManifest> s_manifest =
        Gen.Select(s_nonEmpty, s_nonEmpty, s_text, s_text, Gen.Long[0, long.MaxValue / 2], s_nonEmpty.Array[0, 3], s_path.Array[0, 4], Gen.Bool)
            .Select((name, version, comment, desc, flat, cats, paths, legacy) => new PackageManifest
            {
                Name = name,
                Version = version,
                Comment = comment,
                Description = desc,
                FlatSize = flat,
                Categories = cats,
                Annotations = cats.Distinct().Select(c => KeyValuePair.Create(c, desc)).ToArray(),
                Files = paths.Distinct().Select((p, i) => new PackageFile(p, "1$" + new string((char)('a' + (i % 6)), 64))
                {
                    UName = legacy ? null : "root",
                    GName = legacy ? null : "wheel",
                    Permissions = legacy ? null : 0x1A4 + i,
                    ModificationTime = legacy ? null : 1700000000 + i,
                }).ToArray(),
                FilesForm = legacy ? PackageFilesForm.Legacy : PackageFilesForm.Object,
                Messages = comment.Length == 0 ? [] : [new PackageMessage(comment, "install")],
            });

    [Fact]
    public void FullJson_AnyManifest_ParsesBackToTheSameBytes()
    {
        s_manifest.Sample(m =>
        {
            var json = PackageManifestSerializer.ToFullJson(m);
            var again = PackageManifestSerializer.ToFullJson(PackageManifestSerializer.Parse(json, "generated", "+MANIFEST"));
            Assert.Equal(json, again);
        }, iter: 500);
    }

    [Fact]
    public void Parse_AnyManifest_KeepsDescriptionAndPaths()
    {
        s_manifest.Sample(m =>
        {
            var parsed = PackageManifestSerializer.Parse(PackageManifestSerializer.ToFullJson(m), "generated", "+MANIFEST");
            Assert.Equal(string.IsNullOrEmpty(m.Description) ? null : m.Description, parsed.Description);
            Assert.Equal(m.Files.Select(f => f.Path), parsed.Files.Select(f => f.Path));
            Assert.Equal(m.FlatSize, parsed.FlatSize);
        }, iter: 500);
    }
}
