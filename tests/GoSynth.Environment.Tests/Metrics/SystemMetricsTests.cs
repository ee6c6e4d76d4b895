using GoSynth.Environment.Metrics;
using GoSynth.Environment.Processes;
using Moq;

namespace GoSynth.Environment.Tests.Metrics;

public sealed class SystemMetricsTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Metrics", "Samples", name));

    [Fact]
    public void LinuxParse_RecordedProcFiles_ReadsLoadSwapAndMemory()
    {
        var m = LinuxSystemMetrics.Parse(Sample("linux-loadavg.txt"), Sample("linux-meminfo.txt"));

        Assert.Equal(3.17, m.LoadAverage1);
        Assert.Equal(24634404L * 1024, m.MemoryTotalBytes);
        Assert.Equal(17342864L * 1024, m.MemoryAvailableBytes);
        Assert.Equal(8388604L * 1024, m.SwapTotalBytes);
        Assert.Equal((8388604L - 7549740L) * 1024, m.SwapUsedBytes);
        Assert.Equal(100.0 * (8388604 - 7549740) / 8388604, m.SwapUsedPercent, 6);
    }

    [Fact]
    public void LinuxParse_NoSwapAndNoMemAvailable_FallsBackAndReportsZeroSwap()
    {
        const string meminfo = "MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 300 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n";

        var m = LinuxSystemMetrics.Parse("0.00 0.01 0.05 1/100 5", meminfo);

        Assert.Equal(420L * 1024, m.MemoryAvailableBytes);
        Assert.Equal(0, m.SwapUsedPercent);
    }

    [Fact]
    public void LinuxParse_GarbledLoadavg_ThrowsNamingTheFile()
    {
        var e = Assert.Throws<SystemMetricsException>(() => LinuxSystemMetrics.Parse("garbage", Sample("linux-meminfo.txt")));

        Assert.Contains("/proc/loadavg", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinuxReadAsync_ThisHost_GivesPlausibleValues()
    {
        if (!File.Exists("/proc/meminfo"))
        {
            Assert.Skip("no /proc/meminfo on this host");
        }

        var m = await new LinuxSystemMetrics().ReadAsync(TestContext.Current.CancellationToken);

        Assert.True(m.MemoryTotalBytes > 0);
        Assert.InRange(m.MemoryAvailableBytes, 0, m.MemoryTotalBytes);
        Assert.True(m.LoadAverage1 >= 0);
        Assert.InRange(m.SwapUsedPercent, 0, 100);
    }

    [Fact]
    public void BsdParse_FreeBsdSysctlAndSwapinfo_SumsDevicesAndPages()
    {
        var m = BsdSystemMetrics.Parse(Sample("freebsd-sysctl.txt"), Sample("freebsd-swapinfo.txt"));

        Assert.Equal(1.42, m.LoadAverage1);
        Assert.Equal(17086242816L, m.MemoryTotalBytes);
        Assert.Equal((2516281L + 627514L) * 4096, m.MemoryAvailableBytes);
        Assert.Equal(6291456L * 1024, m.SwapTotalBytes);
        Assert.Equal(524288L * 1024, m.SwapUsedBytes);
        Assert.Equal(100.0 * 524288 / 6291456, m.SwapUsedPercent, 6);
    }

    [Fact]
    public void BsdParse_DragonFlySwapCounters_UsesAnonymousSwapPages()
    {
        var m = BsdSystemMetrics.Parse(Sample("dragonfly-sysctl.txt"), swapinfoOutput: null);

        Assert.Equal(6.03, m.LoadAverage1);
        Assert.Equal(8388608L * 4096, m.SwapTotalBytes);
        Assert.Equal(1677721L * 4096, m.SwapUsedBytes);
        Assert.Equal((3915702L + 1210031L + 52210L) * 4096, m.MemoryAvailableBytes);
    }

    [Fact]
    public void BsdParse_MissingName_ThrowsNamingIt()
    {
        var e = Assert.Throws<SystemMetricsException>(() => BsdSystemMetrics.Parse("vm.loadavg: { 1.00 1.00 1.00 }\n", null));

        Assert.Contains("hw.pagesize", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BsdReadAsync_FreeBsd_RunsSysctlWithTheNamesThenSwapinfo()
    {
        var calls = new List<ProcessSpec>();
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync(It.IsAny<ProcessSpec>(), It.IsAny<IProcessOutputSink?>(), It.IsAny<CancellationToken>()))
            .Returns((ProcessSpec spec, IProcessOutputSink? sink, CancellationToken _) =>
            {
                calls.Add(spec);
                var text = spec.FileName == "sysctl" ? Sample("freebsd-sysctl.txt") : Sample("freebsd-swapinfo.txt");
                foreach (var line in text.TrimEnd('\n').Split('\n'))
                {
                    sink!.OnLine(ProcessStream.StandardOutput, line);
                }

                return Task.FromResult(new ProcessResult(ProcessOutcome.Exited, 0, TimeSpan.Zero));
            });

        var m = await new BsdSystemMetrics(runner.Object, dragonFly: false).ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["sysctl", "swapinfo"], calls.Select(c => c.FileName));
        Assert.Equal(BsdSystemMetrics.FreeBsdNames, calls[0].Arguments);
        Assert.Equal(["-k"], calls[1].Arguments);
        Assert.Equal(1.42, m.LoadAverage1);
    }
}
