namespace GoSynth.BuildDb;

/// <summary>One build run: a <c>gosynth build</c> (or any other session that records attempts).</summary>
/// <param name="Id">The run number, increasing from 1 in this database.</param>
/// <param name="Profile">The configuration profile the run used.</param>
/// <param name="Start">When the run started.</param>
/// <param name="End">When it ended; null while <see cref="RunOutcome.Running"/>.</param>
/// <param name="Outcome">Running, completed or aborted.</param>
/// <param name="Counts">Attempts of the run per status.</param>
public sealed record BuildRun(
    long Id, string Profile, DateTimeOffset Start, DateTimeOffset? End, RunOutcome Outcome, StatusCounts Counts)
{
    /// <summary>How long the run took (null while running).</summary>
    public TimeSpan? Elapsed => End - Start;
}
