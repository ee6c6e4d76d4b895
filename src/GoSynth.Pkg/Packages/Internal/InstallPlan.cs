namespace GoSynth.Pkg.Packages.Internal;

/// <summary>What the extraction phase staged and the commit phase will place below the root.</summary>
internal sealed class InstallPlan
{
    public List<PlannedItem> Items { get; } = [];

    /// <summary>Directories to create, with the mode to give them: the manifest's when it states one, else the
    /// archive entry's, else <see langword="null"/> (0755).</summary>
    public Dictionary<string, int?> Directories { get; } = new(StringComparer.Ordinal);

    /// <summary>The owner to give each directory of <see cref="Directories"/> (only when the install may change owners).</summary>
    public Dictionary<string, Ownership> DirectoryOwners { get; } = new(StringComparer.Ordinal);
}

/// <summary>A file (staged under <see cref="StagedName"/>) or a symlink (<see cref="LinkTarget"/>) to place at <see cref="Path"/>;
/// a symlink's <see cref="Owner"/> is applied once it is created (a staged file already has its owner).</summary>
internal sealed record PlannedItem(string Path, string[] Components, string? StagedName, string? LinkTarget, Ownership? Owner);
