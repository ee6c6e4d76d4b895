namespace GoSynth.Pkg.Packages.Internal;

/// <summary>What the extraction phase staged and the commit phase will place below the root.</summary>
internal sealed class InstallPlan
{
    public List<PlannedItem> Items { get; } = [];

    public Dictionary<string, int> Directories { get; } = new(StringComparer.Ordinal);
}

/// <summary>A file (staged at <see cref="StagedPath"/>) or a symlink (<see cref="LinkTarget"/>) to place at <see cref="Path"/>.</summary>
internal sealed record PlannedItem(string Path, string[] Components, string? StagedPath, string? LinkTarget);
