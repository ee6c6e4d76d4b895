namespace GoSynth.BuildDb;

/// <summary>Options of a <see cref="BuildDatabase"/>. Defaults suit a build host.</summary>
public sealed class BuildDbOptions
{
    /// <summary>
    /// The database file, used by <see cref="IBuildDatabaseFactory"/> (the static factories take the path as an
    /// argument). dsynth's layout puts it under the build base, e.g. <c>/build/gosynth.db</c>.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>How durable an append is when its call returns. Default <see cref="Durability.Batched"/>.</summary>
    public Durability Durability { get; set; } = Durability.Batched;

    /// <summary>With <see cref="Durability.Batched"/>, the longest time the writer gathers appends before one flush. Default 5 ms.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How many recent successful durations per node feed <see cref="BuildDatabase.ExpectedDuration"/>. Default 8.</summary>
    public int DurationSamples { get; set; } = 8;

    /// <summary>Failure excerpts longer than this many characters keep their last part. Default 4096.</summary>
    public int MaxExcerptLength { get; set; } = 4096;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Durability))
        {
            throw new ArgumentException($"BuildDb Durability '{Durability}' is not one of Always, Batched, None.", nameof(Durability));
        }

        if (BatchWindow < TimeSpan.Zero || BatchWindow > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"BuildDb BatchWindow {BatchWindow} must be between 0 and 10 seconds.", nameof(BatchWindow));
        }

        if (DurationSamples is < 1 or > 1000)
        {
            throw new ArgumentException($"BuildDb DurationSamples {DurationSamples} must be between 1 and 1000.", nameof(DurationSamples));
        }

        if (MaxExcerptLength is < 0 or > 65536)
        {
            throw new ArgumentException($"BuildDb MaxExcerptLength {MaxExcerptLength} must be between 0 and 65536.", nameof(MaxExcerptLength));
        }
    }

    internal BuildDbOptions Clone() => (BuildDbOptions)MemberwiseClone();
}
