namespace GoSynth.Pkg.Packages;

/// <summary>One entry of a manifest's <c>directories</c> map: a directory the package owns (<c>@dir</c>).</summary>
/// <param name="Path">The absolute path, as written (pkg writes a trailing <c>/</c>).</param>
public sealed record PackageDirectory(string Path)
{
    /// <summary>Owner name (object form); <see langword="null"/> in the legacy <c>"y"</c> form.</summary>
    public string? UName { get; init; }

    /// <summary>Group name (object form).</summary>
    public string? GName { get; init; }

    /// <summary>Permission bits (object form), <see langword="null"/> when unknown.</summary>
    public int? Permissions { get; init; }

    /// <summary>File flags text (object form).</summary>
    public string? FileFlags { get; init; }
}
