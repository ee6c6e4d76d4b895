using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Metrics;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GoSynth.Builder.Tests.Scheduling;

public sealed class MetricsWorkerLimitTests
{
    private static readonly SystemMetricsSnapshot Idle = new(0.1, 0, 0, 64L << 30, 60L << 30);

    [Fact]
    public async Task GetLimitAsync_ReadsAtMostOncePerInterval_AndGrowsOneStepEachTime()
    {
        var time = new FakeTimeProvider();
        var metrics = new Mock<ISystemMetrics>();
        metrics.Setup(m => m.ReadAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Idle);
        var limit = new MetricsWorkerLimit(metrics.Object, new DynamicWorkerLimit(4, 4), time);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(2, await limit.GetLimitAsync(0, ct));
        Assert.Equal(2, await limit.GetLimitAsync(1, ct));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, await limit.GetLimitAsync(2, ct));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(4, await limit.GetLimitAsync(3, ct));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(4, await limit.GetLimitAsync(4, ct));
        metrics.Verify(m => m.ReadAsync(It.IsAny<CancellationToken>()), Times.Exactly(4));
    }

    [Fact]
    public async Task GetLimitAsync_ReadingFails_KeepsTheLastLimit()
    {
        var time = new FakeTimeProvider();
        var metrics = new Mock<ISystemMetrics>();
        metrics.SetupSequence(m => m.ReadAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Idle)
            .ThrowsAsync(new SystemMetricsException("no /proc"));
        var limit = new MetricsWorkerLimit(metrics.Object, new DynamicWorkerLimit(4, 4), time);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(2, await limit.GetLimitAsync(0, ct));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await limit.GetLimitAsync(2, ct));
    }
}
