namespace GoSynth.Builder.Configuration;

/// <summary>dsynth's defaults that depend on the host.</summary>
internal static class HostDefaults
{
    /// <summary>The host's system name when it is a build target, else FreeBSD (the usual target of a Linux host).</summary>
    public static string OperatingSystem =>
        System.Runtime.InteropServices.RuntimeInformation.OSDescription.Contains("DragonFly", StringComparison.OrdinalIgnoreCase)
            ? "DragonFly"
            : "FreeBSD";

    /// <summary>min(ncpu / 2, physical memory in GiB rounded), at least 1: dsynth's default.</summary>
    public static int NumberOfBuilders
    {
        get
        {
            var gib = (int)Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024));
            return Math.Clamp(Math.Min(System.Environment.ProcessorCount / 2, gib), 1, 1024);
        }
    }

    /// <summary>What <c>Number_of_builders = 0</c> means: ncpu / 2 + 1.</summary>
    public static int BuildersForZero => Math.Min(System.Environment.ProcessorCount / 2 + 1, 1024);

    /// <summary>What <c>Max_jobs_per_builder = 0</c> means: ncpu.</summary>
    public static int JobsForZero => Math.Min(System.Environment.ProcessorCount, 8192);
}
