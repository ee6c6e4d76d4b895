using GoSynth.Builder.Reporting;
using GoSynth.Environment.Processes;
using Moq;

namespace GoSynth.Builder.Tests.Reporting;

public sealed class HookSinkIdleTests
{
    [Fact]
    public async Task NoHookConfigured_StartsNoWorkerAndRunsNothing()
    {
        var runner = new Mock<IProcessRunner>(MockBehavior.Strict);
        await using var sink = new HookSink(new HookOptions { LogsDirectory = "/nonexistent" }, runner.Object);

        Assert.False(sink.HasWorker);
        sink.PublishAll(ReportingEvents.Run());
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.False(sink.HasWorker);
        runner.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task OneHookConfigured_StartsTheWorker()
    {
        var runner = new Mock<IProcessRunner>(MockBehavior.Strict);
        await using var sink = new HookSink(new HookOptions { RunEnd = "/bin/true" }, runner.Object);

        Assert.True(sink.HasWorker);
    }
}
