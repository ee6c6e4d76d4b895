namespace GoSynth.Environment.Slots;

/// <summary>What a teardown achieved.</summary>
/// <param name="Root">The slot directory.</param>
/// <param name="RemainingMounts">Mount points still mounted at or under <paramref name="Root"/>; empty when complete.</param>
/// <param name="DirectoryRemoved">Whether the slot directory was deleted (only ever when nothing was mounted under it).</param>
public sealed record TeardownResult(string Root, IReadOnlyList<string> RemainingMounts, bool DirectoryRemoved)
{
    /// <summary>True when nothing is left mounted and the directory is gone.</summary>
    public bool Complete => RemainingMounts.Count == 0 && DirectoryRemoved;
}
