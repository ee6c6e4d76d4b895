using System.Collections.Immutable;
using GoSynth.Environment.Processes;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Processes;

public sealed class ProcessRunnerTests
{
    private static readonly ImmutableDictionary<string, string> s_path =
        ImmutableDictionary<string, string>.Empty.Add("PATH", "/usr/bin:/bin");

    private readonly ProcessRunner _runner = new();

    private static ProcessSpec Sh(string script) => new("/bin/sh", ["-c", script]) { Environment = s_path };

    [Fact]
    public async Task RunAsync_ArgumentsWithSpacesQuotesAndDollar_PassedLiterally()
    {
        string[] args = ["a b", "\"quoted\"", "'single'", "$HOME", "${PATH}", "*", "back\\slash", "", "semi;colon|pipe"];
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(new ProcessSpec("/usr/bin/printf", ["[%s]\\n", .. args]) { Environment = s_path }, sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(args.Select(a => $"[{a}]"), sink.StandardOutputLines);
    }

    [Fact]
    public async Task RunAsync_OverlongLinesInOddSizedWrites_AreCutAtExactly64KiBWhateverTheReadSizes()
    {
        // 200,000 bytes written in pieces of 7,001 bytes with pauses (reads of every size), then a line of exactly
        // 65,536 bytes, then a short one: the pieces must not depend on how the pipe was read.
        var script = "awk 'BEGIN { for (i = 0; i < 200000; i++) { printf \"7\"; if (i % 7001 == 0) { fflush(); system(\"sleep 0.001\") } } print \"\"; " +
            "for (i = 0; i < 65536; i++) printf \"8\"; print \"\"; print \"end\" }'";
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(new ProcessSpec("/bin/sh", ["-c", script]) { Environment = s_path }, sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal([65536, 65536, 65536, 3392, 65536, 3], sink.StandardOutputLines.Select(l => l.Length));
    }

    [Fact]
    public async Task RunAsync_GivenEnvironment_IsExactlyTheChildsEnvironment()
    {
        var env = ImmutableDictionary<string, string>.Empty.Add("ONE", "1").Add("TWO", "two words").Add("EMPTY", string.Empty);
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(new ProcessSpec("/usr/bin/env", []) { Environment = env }, sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(["EMPTY=", "ONE=1", "TWO=two words"], sink.StandardOutputLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_EmptyEnvironment_InheritsNothing()
    {
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(new ProcessSpec("/usr/bin/env", []), sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Empty(sink.StandardOutputLines);
    }

    [Fact]
    public async Task RunAsync_Stdin_IsDevNull()
    {
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(Sh("readlink /proc/self/fd/0; cat; echo end"), sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(["/dev/null", "end"], sink.StandardOutputLines);
    }

    [Fact]
    public async Task RunAsync_WorkingDirectory_IsUsed()
    {
        using var dir = new TempDirectory();
        var sink = new CapturingOutputSink();

        await _runner.RunAsync(new ProcessSpec("/bin/pwd", []) { WorkingDirectory = dir.Path }, sink, TestContext.Current.CancellationToken);

        Assert.Equal([dir.Path], sink.StandardOutputLines);
    }

    [Fact]
    public async Task RunAsync_ManyLinesOnBothStreams_KeepOrderPerStream()
    {
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(Sh("i=0; while [ $i -lt 500 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done; printf tail"), sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"out{i}").Append("tail"), sink.StandardOutputLines);
        Assert.Equal(string.Join('\n', Enumerable.Range(0, 500).Select(i => $"err{i}")), sink.StandardError);
    }

    [Fact]
    public async Task RunAsync_Output_IsDeliveredWhileTheProcessRuns()
    {
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new CallbackSink((_, line) => first.TrySetResult(line));

        var run = _runner.RunAsync(Sh("echo first; sleep 3; echo second"), sink, TestContext.Current.CancellationToken);
        var line = await first.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal("first", line);
        Assert.False(run.IsCompleted);
        Assert.True((await run).Succeeded);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_IsAResult()
    {
        var result = await _runner.RunAsync(Sh("exit 3"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.Exited, result.Outcome);
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_KilledBySignal_IsSignaledWith128PlusSigno()
    {
        var result = await _runner.RunAsync(Sh("kill -TERM $$"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.Signaled, result.Outcome);
        Assert.Equal(128 + 15, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_ExitCode143_IsNotMistakenForASignal()
    {
        var result = await _runner.RunAsync(Sh("exit 143"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.Exited, result.Outcome);
        Assert.Equal(143, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_TimeoutReached_TimedOut()
    {
        var result = await _runner.RunAsync(new ProcessSpec("/bin/sleep", ["30"]) { Timeout = TimeSpan.FromMilliseconds(300) }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task RunAsync_NoOutputForTooLong_WatchdogFires()
    {
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(Sh("echo started; sleep 30") with { NoOutputTimeout = TimeSpan.FromMilliseconds(400) }, sink, TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.NoOutput, result.Outcome);
        Assert.Equal(["started"], sink.StandardOutputLines);
    }

    [Fact]
    public async Task RunAsync_SteadyOutput_ResetsTheWatchdog()
    {
        // Runs 1.6 s in total but never stays silent for more than 0.2 s; the watchdog allows 1 s of silence.
        var result = await _runner.RunAsync(
            Sh("for i in 1 2 3 4 5 6 7 8; do printf .; sleep 0.2; done") with { NoOutputTimeout = TimeSpan.FromSeconds(1) },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.Exited, result.Outcome);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(300);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runner.RunAsync(new ProcessSpec("/bin/sleep", ["30"]), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_StartsNothing()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runner.RunAsync(new ProcessSpec("/bin/true", []), cancellationToken: new CancellationToken(true)));
    }

    [Fact]
    public async Task RunAsync_GracePeriod_LetsTheTreeHandleSigterm()
    {
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(
            Sh("trap 'echo got-term; exit 7' TERM; echo ready; while :; do sleep 0.1; done") with { Timeout = TimeSpan.FromMilliseconds(500), KillGracePeriod = TimeSpan.FromSeconds(5) },
            sink,
            TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.Contains("got-term", sink.StandardOutputLines);
    }

    [Fact]
    public async Task RunAsync_BareNameInGivenPath_IsFound()
    {
        using var dir = new TempDirectory();
        var tool = dir.WriteFile("bin/gosynth-test-tool", "#!/bin/sh\necho found-it\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var sink = new CapturingOutputSink();

        var spec = new ProcessSpec("gosynth-test-tool", []) { Environment = ImmutableDictionary<string, string>.Empty.Add("PATH", dir.Combine("bin")) };
        var result = await _runner.RunAsync(spec, sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(["found-it"], sink.StandardOutputLines);
    }

    [Fact]
    public async Task RunAsync_ProgramMissing_ThrowsProcessStartException()
    {
        var e = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(new ProcessSpec("no-such-program-gosynth", []) { Environment = s_path }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("no-such-program-gosynth", e.FileName);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotExecutable_ThrowsProcessStartException()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("plain.txt", "not a program");

        await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(new ProcessSpec(file, []), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunAsync_MissingWorkingDirectory_ThrowsProcessStartException()
    {
        var e = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(new ProcessSpec("/bin/true", []) { WorkingDirectory = "/nonexistent/gosynth" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("/nonexistent/gosynth", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProcessEscapesTheSessionHoldingStdout_RunStillEnds()
    {
        using var dir = new TempDirectory();
        var flag = dir.Combine("escaped");
        var sink = new CapturingOutputSink();

        // The escapee records its pid once it is in its own session; the leader waits for that, prints it and exits.
        var script = $"setsid sh -c 'echo $$ > {flag}.tmp && mv {flag}.tmp {flag} && exec sleep 30' & while [ ! -f {flag} ]; do sleep 0.05; done; cat {flag}";
        var run = _runner.RunAsync(Sh(script), sink, TestContext.Current.CancellationToken);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var escaped = int.Parse(sink.StandardOutputLines.Single(), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            Assert.True(result.Succeeded);
            Assert.True(ProcessTable.IsRunning(escaped), "the escaped process keeps running; only slots contain those");
        }
        finally
        {
            System.Diagnostics.Process.GetProcessById(escaped).Kill();
        }
    }

    [Fact]
    public async Task RunAsync_SinkThrows_ChildStillFinishesAndTheErrorIsRethrown()
    {
        var sink = new CallbackSink((_, _) => throw new IOException("disk full"));

        var e = await Assert.ThrowsAsync<IOException>(() => _runner.RunAsync(Sh("i=0; while [ $i -lt 20000 ]; do echo line $i; i=$((i+1)); done") with { Timeout = TimeSpan.FromSeconds(60) }, sink, TestContext.Current.CancellationToken));

        Assert.Equal("disk full", e.Message);
    }

    [Fact]
    public async Task RunAsync_RelativePathEntry_CountsFromTheChildsWorkingDirectory()
    {
        using var dir = new TempDirectory("gosynth-relpath-");
        var tool = dir.WriteFile("bin/tool", "#!/bin/sh\necho from-the-working-directory\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.False(File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "bin", "tool")));
        var sink = new CapturingOutputSink();

        // PATH=bin is relative: the child runs in the spec's working directory, so that is where bin/tool must be
        // looked for, not in this process's current directory.
        var result = await _runner.RunAsync(
            new ProcessSpec("tool", []) { WorkingDirectory = dir.Path, Environment = s_path.SetItem("PATH", "bin:/usr/bin:/bin") },
            sink,
            TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(["from-the-working-directory"], sink.StandardOutputLines);
    }
}

