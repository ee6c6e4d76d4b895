using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Metrics;

/// <summary>Creates the metrics reader for the running operating system.</summary>
public static class SystemMetrics
{
    /// <summary>Linux reads /proc; FreeBSD and DragonFly run sysctl through <paramref name="runner"/>.</summary>
    public static ISystemMetrics CreateForHost(IProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (OperatingSystem.IsLinux())
        {
            return new LinuxSystemMetrics();
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return new BsdSystemMetrics(runner, dragonFly: false);
        }

        if (System.Runtime.InteropServices.RuntimeInformation.OSDescription.Contains("DragonFly", StringComparison.OrdinalIgnoreCase))
        {
            return new BsdSystemMetrics(runner, dragonFly: true);
        }

        throw new PlatformNotSupportedException("System metrics are read on Linux, FreeBSD and DragonFly only.");
    }
}
