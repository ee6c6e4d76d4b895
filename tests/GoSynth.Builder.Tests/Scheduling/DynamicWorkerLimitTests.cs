using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Metrics;

namespace GoSynth.Builder.Tests.Scheduling;

public sealed class DynamicWorkerLimitTests
{
    private const long GiB = 1L << 30;

    private static SystemMetricsSnapshot Reading(double load = 0, double swapPercent = 0, double memoryUsed = 0.1) =>
        new(load, 100 * GiB, (long)(swapPercent * GiB), 64 * GiB, (long)((1 - memoryUsed) * 64 * GiB));

    private static DynamicWorkerLimit Warm(int max, int cpus)
    {
        var limit = new DynamicWorkerLimit(max, cpus);
        for (var i = 0; i < max; i++)
        {
            limit.Step(Reading(), 0, TimeSpan.FromSeconds(i * 5));
        }

        return limit;
    }

    [Fact]
    public void Step_IdleHost_SlowStartGrowsByOnePerStep()
    {
        var limit = new DynamicWorkerLimit(8, 8);

        var steps = Enumerable.Range(0, 10).Select(i => limit.Step(Reading(), 0, TimeSpan.FromSeconds(5 * i))).ToArray();

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 8, 8, 8], steps);
    }

    [Theory]
    [InlineData(11.9, 16)]  // below 1.5 × 8 CPUs: full
    [InlineData(12, 16)]    // at 1.5 N: W − 0
    [InlineData(26, 10)]    // W − 0.75·W·(26−12)/28 = 16 − 6 = 10
    [InlineData(40, 4)]     // at 5 N: W − 0.75 W = 4
    [InlineData(41, 4)]     // above 5 N: W·25/100
    public void Step_Load_DsynthsFormula(double load, int expected)
    {
        var limit = Warm(16, 8);

        Assert.Equal(expected, limit.Step(Reading(load: load), 16, TimeSpan.FromMinutes(10)));
        Assert.Equal(expected, limit.LoadCap);
    }

    [Theory]
    [InlineData(9.9, 16)]
    [InlineData(25, 10)]    // 16 − 0.75·16·0.15/0.30 = 10
    [InlineData(40, 4)]
    [InlineData(80, 4)]
    public void Step_Swap_DsynthsFormula(double swapPercent, int expected)
    {
        var limit = Warm(16, 8);

        Assert.Equal(expected, limit.Step(Reading(swapPercent: swapPercent), 16, TimeSpan.FromMinutes(10)));
        Assert.Equal(expected, limit.SwapCap);
    }

    [Fact]
    public void Step_MemoryAboveTarget_RetiresOneBuilder()
    {
        var limit = Warm(16, 8);

        Assert.Equal(9, limit.Step(Reading(memoryUsed: 0.95), 10, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Step_MemoryAboveHalfTarget_GrowsAtMostOncePer30Seconds()
    {
        var limit = Warm(16, 8);
        var at = TimeSpan.FromMinutes(10);

        Assert.Equal(11, limit.Step(Reading(memoryUsed: 0.6), 10, at));
        Assert.Equal(10, limit.Step(Reading(memoryUsed: 0.6), 10, at + TimeSpan.FromSeconds(5)));
        Assert.Equal(11, limit.Step(Reading(memoryUsed: 0.6), 10, at + TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Step_Overload_NeverBelowOne()
    {
        var limit = Warm(2, 1);

        Assert.Equal(1, limit.Step(Reading(load: 100, swapPercent: 90, memoryUsed: 0.99), 0, TimeSpan.FromMinutes(10)));
    }
}
