using GoSynth.Builder.Configuration;
using GoSynth.Builder.Execution;
using GoSynth.Environment.Slots;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

public sealed class HostBackendTests
{
    [Fact]
    public async Task InitializeAsync_HostBackend_IsRefusedWithTheReasonAndNothingIsSetUp()
    {
        using var dir = new TempDirectory();
        var slots = SlotEnvironment.Create(new SlotOptions
        {
            BuildBase = dir.Path,
            PortsDirectory = dir.Combine("ports"),
            DistfilesDirectory = dir.Combine("distfiles"),
            PackagesDirectory = dir.Combine("packages"),
            OptionsDirectory = dir.Combine("options"),
            Backend = SlotBackend.Host,
        });
        await using var executor = new LocalSlotExecutor(new BuilderOptions { LogsDirectory = dir.Combine("logs") }, slots);

        var error = await Assert.ThrowsAsync<SlotException>(() => executor.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains("needs an isolating slot backend", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, executor.SlotCount);
        Assert.False(Directory.Exists(dir.Combine("SL01")));
    }
}
