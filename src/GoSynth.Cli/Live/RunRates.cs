namespace GoSynth.Cli.Live;

/// <summary>dsynth's two throughput figures, from the times ports finished (built or failed).</summary>
internal static class RunRates
{
    /// <summary>Ports finished per hour over the whole run; 0 in its first 20 seconds (dsynth's Pkg/hour).</summary>
    public static int Rate(IReadOnlyCollection<DateTimeOffset> completions, TimeSpan elapsed) =>
        elapsed.TotalSeconds <= 20 ? 0 : (int)(completions.Count * 3600 / elapsed.TotalSeconds);

    /// <summary>Ports finished per hour over the last ten minutes, or the run so far when shorter (dsynth's Impulse).</summary>
    public static int Impulse(IReadOnlyCollection<DateTimeOffset> completions, DateTimeOffset now, TimeSpan elapsed)
    {
        if (elapsed.TotalSeconds < 20)
        {
            return 0;
        }

        var window = Math.Min(elapsed.TotalSeconds, 600);
        var since = now - TimeSpan.FromSeconds(window);
        return (int)(completions.Count(t => t > since) * 3600 / window);
    }
}
