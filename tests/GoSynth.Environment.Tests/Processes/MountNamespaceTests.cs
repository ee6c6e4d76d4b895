using System.Collections.Immutable;
using System.Globalization;
using GoSynth.Environment.Processes;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Processes;

/// <summary>
/// Processes started in a joined mount namespace: they see the view's files and root, give the same output, exit code
/// and stderr as on the host, are limited and killed as any other, and nothing of the join outlives its disposal.
/// </summary>
public sealed class MountNamespaceTests
{
    private static readonly ImmutableDictionary<string, string> s_path =
        ImmutableDictionary<string, string>.Empty.Add("PATH", "/usr/bin:/bin");

    private readonly ProcessRunner _runner = new();

    private static ProcessSpec Sh(string script, MountNamespace? view = null) =>
        new("/bin/sh", ["-c", script]) { Environment = s_path, MountNamespace = view };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_InTheNamespace_SeesTheViewsRootFilesAndWorkingDirectory(int threads)
    {
        await using var view = await View.StartAsync(_runner, threads);
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(
            Sh($"cat /marker; [ -e {view.HostOnly} ] && echo host-visible || echo hidden; pwd", view.Joined) with { WorkingDirectory = "/work" },
            sink,
            TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, sink.StandardError);
        Assert.Equal(["in-the-view", "hidden", "/work"], sink.StandardOutputLines);
        Assert.False(File.Exists(Path.Combine(view.Root, "marker")), "the view's tmpfs showed through on the host");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_SameCommand_SameOutputExitCodeAndStderrAsOnTheHost(int threads)
    {
        await using var view = await View.StartAsync(_runner, threads);
        const string Script = "printf 'one\\ntwo words\\n'; echo 'to stderr' >&2; printf 'no newline'; exit 7";
        var onHost = new CapturingOutputSink();
        var inView = new CapturingOutputSink();

        var host = await _runner.RunAsync(Sh(Script), onHost, TestContext.Current.CancellationToken);
        var joined = await _runner.RunAsync(Sh(Script, view.Joined), inView, TestContext.Current.CancellationToken);

        Assert.Equal((ProcessOutcome.Exited, 7), (joined.Outcome, joined.ExitCode));
        Assert.Equal((host.Outcome, host.ExitCode), (joined.Outcome, joined.ExitCode));
        Assert.Equal(onHost.StandardOutputLines, inView.StandardOutputLines);
        Assert.Equal(onHost.StandardError, inView.StandardError);
        Assert.Equal(["one", "two words", "no newline"], inView.StandardOutputLines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_ProgramOnlyOnTheHost_FailsNamingTheNamespace(int threads)
    {
        await using var view = await View.StartAsync(_runner, threads);
        var script = Path.Combine(view.HostOnly, "tool");
        File.WriteAllText(script, "#!/bin/sh\necho host\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var ex = await Assert.ThrowsAsync<ProcessStartException>(() =>
            _runner.RunAsync(new ProcessSpec(script, []) { MountNamespace = view.Joined }, null, TestContext.Current.CancellationToken));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"mount namespace of process {view.Joined.ProcessId}", ex.Message, StringComparison.Ordinal);
        Assert.True((await _runner.RunAsync(new ProcessSpec(script, []), null, TestContext.Current.CancellationToken)).Succeeded);
    }

    [Fact]
    public async Task RunAsync_ProgramOnlyInTheView_FoundOnItsPathSkippingDirectoriesAndFilesThatCannotRun()
    {
        await using var view = await View.StartAsync(_runner);
        var sink = new CapturingOutputSink();
        var spec = new ProcessSpec("vtool", ["a b"])
        {
            Environment = s_path.SetItem("PATH", "/vdir:/vnoexec:/no/such/dir:/vbin:/usr/bin:/bin"),
            MountNamespace = view.Joined,
        };

        var result = await _runner.RunAsync(spec, sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, sink.StandardError);
        Assert.Equal(["view-tool a b"], sink.StandardOutputLines);
        Assert.False(File.Exists("/vbin/vtool"), "the host has the view's program; the test proves nothing");
    }

    [Fact]
    public async Task RunAsync_RelativeProgramPath_CountsFromTheWorkingDirectoryInTheView()
    {
        await using var view = await View.StartAsync(_runner);
        var sink = new CapturingOutputSink();

        var result = await _runner.RunAsync(
            new ProcessSpec("./vtool", ["x"]) { Environment = s_path, WorkingDirectory = "/vbin", MountNamespace = view.Joined },
            sink,
            TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, sink.StandardError);
        Assert.Equal(["view-tool x"], sink.StandardOutputLines);
    }

    [Fact]
    public async Task RunAsync_NotOnTheViewsPathOrNoWorkingDirectoryThere_FailsSayingWhich()
    {
        await using var view = await View.StartAsync(_runner);

        var notFound = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(
            new ProcessSpec("vtool", []) { Environment = s_path.SetItem("PATH", "/vnoexec:/vdir"), MountNamespace = view.Joined },
            null,
            TestContext.Current.CancellationToken));
        var noDirectory = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(
            Sh("true", view.Joined) with { WorkingDirectory = view.HostOnly },
            null,
            TestContext.Current.CancellationToken));

        Assert.Equal(
            $"cannot start 'vtool': not found in PATH '/vnoexec:/vdir'; install it or give an absolute path (inside the mount namespace of process {view.Holder}, root '{view.Root}')",
            notFound.Message);
        Assert.Equal(
            $"cannot start '/bin/sh': working directory '{view.HostOnly}' does not exist (inside the mount namespace of process {view.Holder}, root '{view.Root}')",
            noDirectory.Message);
    }

    [Fact]
    public async Task RunAsync_ThreadCannotReturnToTheHost_SpawnFailsChildIsKilledThreadIsRetiredOthersServe()
    {
        await using var view = await View.StartAsync(_runner, threads: 2);
        var name = $"mntns {view.Holder}";
        var pids = new List<int>();
        view.Joined.BreakReturns(1);

        var lost = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(
            Sh("sleep 300", view.Joined), null, pid => pids.Add(pid), TestContext.Current.CancellationToken));
        var after = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            var sink = new CapturingOutputSink();
            await _runner.RunAsync(Sh("cat /marker", view.Joined), sink, TestContext.Current.CancellationToken);
            return sink.StandardOutputLines.SingleOrDefault();
        }));

        Assert.Contains("could not return to the host", lost.Message, StringComparison.Ordinal);
        Assert.Contains("serves no more spawns", lost.Message, StringComparison.Ordinal);
        Assert.Empty(pids); // never handed out
        Assert.True(await NoThreadNamedAsync(name, keep: 1), "the lost thread did not end");
        Assert.Equal(1, ThreadNames().Count(n => n == name));
        Assert.DoesNotContain(SleepersUnder(view.Holder), _ => true); // the child it started was killed
        Assert.All(after, line => Assert.Equal("in-the-view", line));

        view.Joined.BreakReturns(1);
        await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(Sh("true", view.Joined), null, TestContext.Current.CancellationToken));
        var refused = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(Sh("true", view.Joined), null, TestContext.Current.CancellationToken));
        Assert.Contains("was closed", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Processes running <c>sleep 300</c> that are in the mount namespace of <paramref name="holder"/>.</summary>
    private static List<int> SleepersUnder(int holder)
    {
        var target = new FileInfo($"/proc/{holder}/ns/mnt").LinkTarget;
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")) == "sleep\0300\0" && new FileInfo(Path.Combine(dir, "ns/mnt")).LinkTarget == target)
                    {
                        found.Add(pid);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The process ended while it was looked at.
                }
            }
        }

        return found;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_ManyAtOnce_EachGetsItsOwnOutput(int threads)
    {
        await using var view = await View.StartAsync(_runner, threads);

        var runs = Enumerable.Range(0, 40).Select(async i =>
        {
            var sink = new CapturingOutputSink();
            var result = await _runner.RunAsync(Sh($"cat /marker; echo {i}; exit {i % 5}", view.Joined), sink, TestContext.Current.CancellationToken);
            return (i, result.ExitCode, Lines: sink.StandardOutputLines.ToArray());
        });

        foreach (var (i, code, lines) in await Task.WhenAll(runs))
        {
            Assert.Equal(i % 5, code);
            Assert.Equal(["in-the-view", i.ToString(CultureInfo.InvariantCulture)], lines);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_NeverEndingTree_TimeoutKillsAllOfIt(int threads)
    {
        await using var view = await View.StartAsync(_runner, threads);
        var sink = new CapturingOutputSink();
        var spec = Sh("sleep 300 & echo $!; sleep 300", view.Joined) with { Timeout = TimeSpan.FromMilliseconds(500) };

        var result = await _runner.RunAsync(spec, sink, TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        var background = int.Parse(sink.StandardOutputLines.Single(), CultureInfo.InvariantCulture);
        Assert.True(await ProcessTable.WaitUntilGoneAsync(background, TimeSpan.FromSeconds(5)), ProcessTable.Describe(background));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Dispose_LaterStartsAreRefusedAndTheJoinedThreadsEnd(int threads)
    {
        await using var view = await View.StartAsync(_runner, threads);
        var name = $"mntns {view.Joined.ProcessId}";
        Assert.Equal(threads, view.Joined.Threads);
        Assert.Equal(threads, ThreadNames().Count(n => n == name));

        view.Joined.Dispose();

        var ex = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(Sh("true", view.Joined), null, TestContext.Current.CancellationToken));
        Assert.Contains("was closed", ex.Message, StringComparison.Ordinal);
        Assert.True(await NoThreadNamedAsync(name), $"{ThreadNames().Count(n => n == name)} joined thread(s) still alive 5 s after Dispose");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task JoinAsync_SeveralThreads_EveryChildIsInTheViewAndTheThreadsStayOnTheHost(bool pidNamespace)
    {
        await using var view = await View.StartAsync(_runner, threads: 3, pidNamespace);
        var holderMount = new FileInfo($"/proc/{view.Holder}/ns/mnt").LinkTarget;
        var holderPid = new FileInfo($"/proc/{view.Holder}/ns/pid").LinkTarget;
        var ownMount = new FileInfo("/proc/self/ns/mnt").LinkTarget;
        var ownPid = new FileInfo("/proc/self/ns/pid").LinkTarget;
        var ownCwd = new FileInfo("/proc/self/cwd").LinkTarget;

        var runs = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var sink = new CapturingOutputSink();
            (string? Mount, string? Pid) seen = default;
            await _runner.RunAsync(
                Sh("cat /marker; sleep 0.2", view.Joined),
                sink,
                pid => seen = (new FileInfo($"/proc/{pid}/ns/mnt").LinkTarget, new FileInfo($"/proc/{pid}/ns/pid").LinkTarget),
                TestContext.Current.CancellationToken);
            return (Line: sink.StandardOutputLines.SingleOrDefault(), seen.Mount, seen.Pid);
        }));

        Assert.NotEqual(ownMount, holderMount);
        Assert.All(runs, run => Assert.Equal(("in-the-view", holderMount, pidNamespace ? holderPid : ownPid), (run.Line, run.Mount, run.Pid)));
        var threads = JoinedThreads($"mntns {view.Holder}");
        Assert.Equal(3, threads.Count);
        Assert.All(threads, tid => Assert.Equal(
            (ownMount, ownPid, "/", ownCwd),
            (new FileInfo($"/proc/self/task/{tid}/ns/mnt").LinkTarget,
             new FileInfo($"/proc/self/task/{tid}/ns/pid_for_children").LinkTarget,
             new FileInfo($"/proc/self/task/{tid}/root").LinkTarget,
             new FileInfo($"/proc/self/task/{tid}/cwd").LinkTarget)));
    }

    [Fact]
    public async Task JoinAsync_OneThreadCannotJoin_FailsWithItsReasonAndKeepsNoThread()
    {
        await using var view = await View.StartAsync(_runner);
        var name = $"mntns {view.Holder}";
        var before = ThreadNames().Count(n => n == name);

        var ex = await Assert.ThrowsAsync<IOException>(() => MountNamespace.JoinAsync(
            view.Holder,
            view.Joined.Root,
            threads: 4,
            pidNamespace: false,
            beforeJoin: i =>
            {
                if (i == 2)
                {
                    throw new InvalidOperationException("thread 2 refused");
                }
            },
            TestContext.Current.CancellationToken));

        Assert.Equal($"cannot join the mount namespace of process {view.Holder}: thread 2 refused", ex.Message);
        Assert.True(await NoThreadNamedAsync(name, keep: before), "threads of the failed join are still alive");
        Assert.True((await _runner.RunAsync(Sh("cat /marker", view.Joined), null, TestContext.Current.CancellationToken)).Succeeded);
    }

    [Fact]
    public async Task JoinAsync_RootMissingForEveryThread_ThrowsNamingTheStepAndKeepsNoThread()
    {
        await using var view = await View.StartAsync(_runner);
        var name = $"mntns {view.Holder}";

        var ex = await Assert.ThrowsAsync<IOException>(() =>
            MountNamespace.JoinAsync(view.Holder, "/no/such/root", threads: 3, pidNamespace: false, TestContext.Current.CancellationToken));

        Assert.Contains("chroot to '/no/such/root'", ex.Message, StringComparison.Ordinal);
        Assert.True(await NoThreadNamedAsync(name, keep: 1), "threads of the failed join are still alive");
    }

    [Fact]
    public async Task JoinAsync_OneThreadCannotLeaveItsTrialCrossing_FailsNamingTheStepAndKeepsNoThread()
    {
        await using var view = await View.StartAsync(_runner);
        var name = $"mntns {view.Holder}";

        // The lost thread signals nothing from inside the view: the join finds its mark and still ends.
        var ex = await Assert.ThrowsAsync<IOException>(() => MountNamespace.JoinAsync(
            view.Holder, view.Joined.Root, threads: 3, pidNamespace: false, beforeJoin: null, brokenReturns: 1, TestContext.Current.CancellationToken))
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(
            $"cannot join the mount namespace of process {view.Holder}: setns back into the host's mount namespace failed: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(9)}; the thread was left there",
            ex.Message);
        Assert.True(await NoThreadNamedAsync(name, keep: 1), "threads of the failed join are still alive");
        Assert.True((await _runner.RunAsync(Sh("cat /marker", view.Joined), null, TestContext.Current.CancellationToken)).Succeeded);
    }

    [Fact]
    public async Task JoinAsync_CancelledWhileJoining_ThrowsAndKeepsNoThread()
    {
        await using var view = await View.StartAsync(_runner);
        var name = $"mntns {view.Holder}";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var release = new ManualResetEventSlim();

        var join = MountNamespace.JoinAsync(view.Holder, view.Joined.Root, threads: 3, pidNamespace: false, beforeJoin: i =>
        {
            if (i == 1)
            {
                cancel.Cancel();
                release.Wait(TimeSpan.FromSeconds(10)); // still joining when the caller gives up
            }
        }, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => join);
        release.Set();

        Assert.True(await NoThreadNamedAsync(name, keep: 1), "threads of the cancelled join are still alive");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            MountNamespace.JoinAsync(view.Holder, view.Joined.Root, threads: 3, pidNamespace: false, new CancellationToken(canceled: true)));
        Assert.Equal(1, ThreadNames().Count(n => n == name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public async Task JoinAsync_ThreadCountOutOfRange_Throws(int threads)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            MountNamespace.JoinAsync(System.Environment.ProcessId, "/", threads, pidNamespace: false, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task JoinAsync_NoSuchProcess_ThrowsIOExceptionNamingIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("mount namespaces are Linux's");
        }

        var ex = await Assert.ThrowsAsync<IOException>(() => MountNamespace.JoinAsync(int.MaxValue, "/", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"process {int.MaxValue}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoinAsync_RootMissingInTheNamespace_ThrowsAndLeavesNoThread()
    {
        await using var view = await View.StartAsync(_runner);
        var name = $"mntns {view.Joined.ProcessId}";

        var ex = await Assert.ThrowsAsync<IOException>(() => MountNamespace.JoinAsync(view.Joined.ProcessId, "/no/such/root", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("chroot to '/no/such/root'", ex.Message, StringComparison.Ordinal);
        Assert.True(await NoThreadNamedAsync(name, keep: 1), "the thread of the failed join is still alive");
    }

    /// <summary>Waits up to 5 s until at most <paramref name="keep"/> threads of this process are named <paramref name="name"/>.</summary>
    private static async Task<bool> NoThreadNamedAsync(string name, int keep = 0)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (ThreadNames().Count(n => n == name) > keep && DateTime.UtcNow < until)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return ThreadNames().Count(n => n == name) <= keep;
    }

    private static List<string> JoinedThreads(string name) =>
        [.. Directory.GetDirectories("/proc/self/task").Where(t => ReadName(t) == name).Select(Path.GetFileName).OfType<string>()];

    private static string? ReadName(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
        }
        catch (IOException)
        {
            return null; // the thread ended while the list was read
        }
    }

    private static List<string> ThreadNames()
    {
        var names = new List<string>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                names.Add(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));
            }
            catch (IOException)
            {
                // The thread ended while the list was read.
            }
        }

        return names;
    }

    /// <summary>A private mount namespace whose root is a tmpfs with the host's system directories bound read-only, a marker file and /work.</summary>
    private sealed class View : IAsyncDisposable
    {
        private readonly TempDirectory _work;
        private readonly CancellationTokenSource _stop;
        private readonly Task _holder;

        private View(TempDirectory work, CancellationTokenSource stop, Task holder, MountNamespace joined)
        {
            _work = work;
            _stop = stop;
            _holder = holder;
            Joined = joined;
        }

        public MountNamespace Joined { get; }

        /// <summary>The process that holds the namespace.</summary>
        public int Holder => Joined.ProcessId;

        public string Root => _work.Combine("root");

        /// <summary>A directory on the host that the view does not show.</summary>
        public string HostOnly => _work.Combine("host-only");

        public static async Task<View> StartAsync(ProcessRunner runner, int threads = 1, bool pidNamespace = false)
        {
            if (!OperatingSystem.IsLinux() || !System.Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/unshare"))
            {
                Assert.Skip("joining a mount namespace needs Linux, root and unshare (util-linux)");
            }

            var work = new TempDirectory();
            Directory.CreateDirectory(work.Combine("root"));
            Directory.CreateDirectory(work.Combine("host-only"));
            var script = $$"""
                set -eu
                R='{{work.Combine("root")}}'
                mount -t tmpfs view "$R"
                for d in /usr /bin /sbin /lib /lib32 /lib64 /etc; do
                  if [ -L "$d" ]; then ln -s "$(readlink "$d")" "$R$d"
                  elif [ -d "$d" ]; then mkdir "$R$d"; mount --rbind "$d" "$R$d"
                  fi
                done
                echo in-the-view > "$R/marker"
                mkdir "$R/work" "$R/tmp" "$R/dev" "$R/vbin" "$R/vnoexec" "$R/vdir" "$R/vdir/vtool"
                printf '#!/bin/sh\necho view-tool "$@"\n' > "$R/vbin/vtool"
                chmod 755 "$R/vbin/vtool"
                cp "$R/vbin/vtool" "$R/vnoexec/vtool"
                chmod 644 "$R/vnoexec/vtool"
                : > "$R/dev/null"
                mount --bind /dev/null "$R/dev/null"
                read -r H _ < /proc/self/stat
                echo ready $H
                while [ -e /proc/{{System.Environment.ProcessId}} ]; do sleep 1; done
                """;
            string[] namespaces = pidNamespace ? ["--mount", "--pid", "--fork"] : ["--mount"];
            var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stop = new CancellationTokenSource();
            var holder = runner.RunAsync(
                new ProcessSpec("/usr/bin/unshare", [.. namespaces, "--propagation", "private", "/bin/sh", "-c", script]) { Environment = s_path },
                new ReadySink(ready),
                stop.Token);
            var first = await Task.WhenAny(ready.Task, holder, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            Assert.True(first == ready.Task, "the test view did not start");
            var joined = threads == 1 && !pidNamespace
                ? await MountNamespace.JoinAsync(await ready.Task, work.Combine("root"), cancellationToken: TestContext.Current.CancellationToken)
                : await MountNamespace.JoinAsync(await ready.Task, work.Combine("root"), threads, pidNamespace, TestContext.Current.CancellationToken);
            return new View(work, stop, holder, joined);
        }

        public async ValueTask DisposeAsync()
        {
            Joined.Dispose();
            await _stop.CancelAsync();
            try
            {
                await _holder;
            }
            catch (OperationCanceledException)
            {
                // The holder ends by cancellation.
            }

            _stop.Dispose();

            // The view's mounts are private to its namespace: on the host the root is the empty directory it was.
            Assert.Empty(Directory.EnumerateFileSystemEntries(Root));
            _work.Dispose();
        }
    }

    private sealed class ReadySink(TaskCompletionSource<int> ready) : IProcessOutputSink
    {
        public void OnLine(ProcessStream stream, string line)
        {
            if (stream == ProcessStream.StandardOutput && line.StartsWith("ready ", StringComparison.Ordinal))
            {
                ready.TrySetResult(int.Parse(line.AsSpan(6), CultureInfo.InvariantCulture));
            }
        }
    }
}
