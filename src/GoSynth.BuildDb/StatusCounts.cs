namespace GoSynth.BuildDb;

/// <summary>How many attempts of a run ended in each <see cref="AttemptStatus"/>.</summary>
/// <param name="Running">Attempts still running.</param>
/// <param name="Success">Attempts that built a package.</param>
/// <param name="Failed">Attempts that failed.</param>
/// <param name="Skipped">Attempts skipped because of a dependency.</param>
/// <param name="Ignored">Attempts of ignored ports.</param>
/// <param name="Meta">Attempts of meta ports.</param>
/// <param name="UpToDate">Attempts whose package was up to date.</param>
/// <param name="Interrupted">Attempts that never finished.</param>
public readonly record struct StatusCounts(
    int Running, int Success, int Failed, int Skipped, int Ignored, int Meta, int UpToDate, int Interrupted)
{
    /// <summary>The number of attempts counted.</summary>
    public int Total => Running + Success + Failed + Skipped + Ignored + Meta + UpToDate + Interrupted;

    /// <summary>The count for one status.</summary>
    public int this[AttemptStatus status] => status switch
    {
        AttemptStatus.Running => Running,
        AttemptStatus.Success => Success,
        AttemptStatus.Failed => Failed,
        AttemptStatus.Skipped => Skipped,
        AttemptStatus.Ignored => Ignored,
        AttemptStatus.Meta => Meta,
        AttemptStatus.UpToDate => UpToDate,
        AttemptStatus.Interrupted => Interrupted,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown attempt status"),
    };

    internal static StatusCounts FromArray(ReadOnlySpan<int> counts) =>
        new(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7]);
}
