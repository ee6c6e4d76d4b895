using System.Collections.Immutable;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>A cancelled command leaves nothing running in its slot, and a slot that cannot be entered says so.</summary>
public sealed class SlotCancelTests
{
    private static readonly ImmutableDictionary<string, string> s_env =
        ImmutableDictionary<string, string>.Empty.Add("PATH", "/sbin:/bin:/usr/sbin:/usr/bin");

    private static SlotCommand Sh(string script, string cwd = "/") =>
        new("/bin/sh", ["-c", script]) { Environment = s_env, WorkingDirectory = cwd, Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task Execute_Cancelled_ReturnsOnlyWhenEveryProcessOfTheSlotIsGone_AndTeardownIsComplete()
    {
        SlotTestBed.RequireRootOnLinux();
        var ct = TestContext.Current.CancellationToken;
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(3));
        await slot.SetupAsync(ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sink = new SignalSink("all-started");

        // A child in the command's group, one in a session of its own, one with its working directory in /construction.
        var run = slot.ExecuteAsync(Sh("sleep 7771 & setsid sleep 7772 & (cd /construction && exec sleep 7773) & sleep 0.2; echo all-started; wait"), sink, cancel.Token);
        await sink.Seen.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal(3, Sleepers().Count);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Empty(Sleepers());
        var teardown = await slot.TeardownAsync(ct);
        Assert.True(teardown.Complete, string.Join(", ", teardown.RemainingMounts));
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
    }

    [Fact]
    public async Task Execute_SlotCannotBeEntered_ThrowsNamingTheSlotAndTheStep_NotAnExitStatus()
    {
        SlotTestBed.RequireRootOnLinux();
        var ct = TestContext.Current.CancellationToken;
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(4));
        await slot.SetupAsync(ct);

        var error = await Assert.ThrowsAsync<SlotException>(() => slot.ExecuteAsync(Sh("true", "/no/such/directory"), null, ct));

        Assert.Contains("SL04", error.Message, StringComparison.Ordinal);
        Assert.Contains("working directory /no/such/directory does not exist in the slot", error.Message, StringComparison.Ordinal);

        // A command that exits 125 by itself is still just a result.
        var own = await slot.ExecuteAsync(Sh("echo 'no such thing' >&2; exit 125"), null, ct);
        Assert.Equal(125, own.ExitCode);
        Assert.True((await slot.TeardownAsync(ct)).Complete);
    }

    [Fact]
    public async Task Execute_SlotGroupRemovedByAnotherEnvironment_NextSlotStillEnters()
    {
        SlotTestBed.RequireRootOnLinux();
        var ct = TestContext.Current.CancellationToken;
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var environment = bed.Environment();
        var first = bed.Track(environment.CreateSlot(5));
        await first.SetupAsync(ct);
        Assert.Equal(0, (await first.ExecuteAsync(Sh("true"), null, ct)).ExitCode);

        // Another environment of the same build base (a 'gosynth cleanup', another process) cleans the slot away,
        // its group included, while the first environment still knows the group.
        var cleaned = await SlotEnvironment.Create(bed.Options).CleanupStaleSlotsAsync(ct);
        Assert.True(Assert.Single(cleaned).Complete);

        var again = bed.Track(environment.CreateSlot(5));
        await again.SetupAsync(ct);
        var sink = new CapturingOutputSink();
        var result = await again.ExecuteAsync(Sh("echo entered"), sink, ct);

        Assert.Equal((0, "entered"), (result.ExitCode, string.Join('\n', sink.StandardOutputLines)));
        Assert.True((await again.TeardownAsync(ct)).Complete);
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
    }

    private static List<int> Sleepers()
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (cmdline is ["sleep", "7771" or "7772" or "7773", ..])
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile.
            }
        }

        return found;
    }

    private sealed class SignalSink(string line) : IProcessOutputSink
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public void OnLine(ProcessStream stream, string text)
        {
            if (text == line)
            {
                _seen.TrySetResult();
            }
        }
    }
}
