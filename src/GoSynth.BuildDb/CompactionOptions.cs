namespace GoSynth.BuildDb;

/// <summary>What <see cref="BuildDatabase.CompactAsync"/> keeps besides every node's state.</summary>
public sealed class CompactionOptions
{
    /// <summary>The newest runs kept with all their attempts. Default 50.</summary>
    public int KeepRuns { get; set; } = 50;

    /// <summary>
    /// Per node, the newest successful attempts kept even from older runs, so expected durations survive.
    /// Null (the default) means <see cref="BuildDbOptions.DurationSamples"/>.
    /// </summary>
    public int? KeepSuccessesPerNode { get; set; }
}
