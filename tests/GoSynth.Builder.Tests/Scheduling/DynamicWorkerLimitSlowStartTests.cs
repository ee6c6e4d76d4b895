using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Metrics;

namespace GoSynth.Builder.Tests.Scheduling;

public sealed class DynamicWorkerLimitSlowStartTests
{
    private const long GiB = 1L << 30;

    private static SystemMetricsSnapshot Idle() => new(0, 100 * GiB, 0, 64 * GiB, 60 * GiB);

    [Theory]
    [InlineData(1, new[] { 2, 3, 4, 5, 6, 7, 8, 8 })]
    [InlineData(4, new[] { 5, 6, 7, 8, 8, 8, 8, 8 })]
    [InlineData(0, new[] { 8, 8, 8, 8, 8, 8, 8, 8 })]
    [InlineData(20, new[] { 8, 8, 8, 8, 8, 8, 8, 8 })]
    public void InitialWorkers_StartsThereAndStillGrowsByOnePerStep(int initial, int[] expected)
    {
        var limit = new DynamicWorkerLimit(8, 8) { InitialWorkers = initial };
        var before = limit.Current;

        var steps = Enumerable.Range(0, 8).Select(i => limit.Step(Idle(), 0, TimeSpan.FromSeconds(5 * i))).ToArray();

        Assert.Equal(initial == 0 ? 8 : Math.Min(initial, 8), before);
        Assert.Equal(expected, steps);
    }

    [Fact]
    public void InitialWorkers_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicWorkerLimit(8, 8) { InitialWorkers = -1 });
}
