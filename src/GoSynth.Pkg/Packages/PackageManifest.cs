namespace GoSynth.Pkg.Packages;

/// <summary>
/// The content of a package's <c>+MANIFEST</c> (or, without files and scripts, <c>+COMPACT_MANIFEST</c> and a
/// catalog line). Immutable; derive changed copies with <c>with</c>. Property order follows the key order pkg
/// writes. Read with <see cref="PackageManifestSerializer"/>.
/// </summary>
public sealed record PackageManifest
{
    /// <summary>Package name (<c>name</c>), e.g. <c>indexinfo</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Origin, <c>category/port</c>.</summary>
    public string Origin { get; init; } = "";

    /// <summary>Version with revision and epoch, e.g. <c>0.3.1</c> or <c>26.8_1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>One-line comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Maintainer e-mail.</summary>
    public string? Maintainer { get; init; }

    /// <summary>Web site.</summary>
    public string? Www { get; init; }

    /// <summary>ABI, e.g. <c>FreeBSD:14:amd64</c> or <c>FreeBSD:12:*</c>.</summary>
    public string? Abi { get; init; }

    /// <summary>Legacy architecture string, e.g. <c>freebsd:14:x86:64</c>.</summary>
    public string? Arch { get; init; }

    /// <summary>Installation prefix, usually <c>/usr/local</c>.</summary>
    public string? Prefix { get; init; }

    /// <summary>Installed size in bytes (files plus symlink target lengths).</summary>
    public long FlatSize { get; init; }

    /// <summary><c>dep_formula</c>, when set.</summary>
    public string? DependencyFormula { get; init; }

    /// <summary><c>single</c>, <c>and</c> or <c>or</c>; <see langword="null"/> when the manifest has none.</summary>
    public string? LicenseLogic { get; init; }

    /// <summary>Licenses.</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];

    /// <summary>Whether the package is vital (cannot be removed casually); <see langword="null"/> when absent.</summary>
    public bool? Vital { get; init; }

    /// <summary>Long description (decoded from pkg's %-encoding).</summary>
    public string? Description { get; init; }

    /// <summary>Run-time dependencies, in manifest order.</summary>
    public IReadOnlyList<PackageDependency> Dependencies { get; init; } = [];

    /// <summary>Categories.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Users the package creates.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>Groups the package creates.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Shared libraries required.</summary>
    public IReadOnlyList<string> ShlibsRequired { get; init; } = [];

    /// <summary>Required shared libraries to ignore (pkg 2.6 and later).</summary>
    public IReadOnlyList<string> ShlibsRequiredIgnore { get; init; } = [];

    /// <summary>Shared libraries provided.</summary>
    public IReadOnlyList<string> ShlibsProvided { get; init; } = [];

    /// <summary>Provided shared libraries to ignore (pkg 2.6 and later).</summary>
    public IReadOnlyList<string> ShlibsProvidedIgnore { get; init; } = [];

    /// <summary>Conflicting package globs.</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    /// <summary>Provides.</summary>
    public IReadOnlyList<string> Provides { get; init; } = [];

    /// <summary>Requires.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>Port options, name to <c>on</c>/<c>off</c>, in manifest order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; init; } = [];

    /// <summary>Annotations, e.g. <c>FreeBSD_version</c>, in manifest order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>Files and symlinks (full manifest only), in manifest order.</summary>
    public IReadOnlyList<PackageFile> Files { get; init; } = [];

    /// <summary>How <see cref="Files"/> and <see cref="Directories"/> were written (and will be written).</summary>
    public PackageFilesForm FilesForm { get; init; } = PackageFilesForm.Object;

    /// <summary>Configuration files (full manifest only).</summary>
    public IReadOnlyList<string> Config { get; init; } = [];

    /// <summary>Directories owned (full manifest only).</summary>
    public IReadOnlyList<PackageDirectory> Directories { get; init; } = [];

    /// <summary>Shell scripts by phase (<c>pre-install</c>, <c>post-install</c>, …), full manifest only.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Scripts { get; init; } = [];

    /// <summary>Lua scripts by phase, full manifest only.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> LuaScripts { get; init; } = [];

    /// <summary>pkg-message entries (written in both compact and full manifests).</summary>
    public IReadOnlyList<PackageMessage> Messages { get; init; } = [];

    /// <summary><c>name-version</c>, the usual package file stem.</summary>
    public string NameVersion => Name + "-" + Version;

    /// <summary>The value of annotation <paramref name="key"/>, or <see langword="null"/>.</summary>
    public string? GetAnnotation(string key)
    {
        foreach (var pair in Annotations)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }
}
