namespace GoSynth.BuildDb.Internal;

/// <summary>One run as held in memory.</summary>
internal sealed class RunState
{
    public RunState(long id, string profile, long startMs)
    {
        Id = id;
        Profile = profile;
        StartMs = startMs;
    }

    public long Id { get; }

    public string Profile { get; set; }

    public long StartMs { get; set; }

    public long EndMs { get; set; } = -1;

    public RunOutcome Outcome { get; set; }

    public int[] Counts { get; } = new int[8];

    public List<int> Rows { get; } = [];

    public string? Host { get; set; }

    public long Pid { get; set; }

    public bool IsPlaceholder { get; set; }

    /// <summary>The latest time recorded for the run (its start, or any of its attempts' start or end).</summary>
    public long LastSeenMs { get; set; }
}
