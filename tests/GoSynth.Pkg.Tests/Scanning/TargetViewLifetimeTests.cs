using System.Globalization;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Profiles.Internal;
using GoSynth.Pkg.Scanning.Internal;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// The view's holder ends with the process that owns it, even when that process is killed with SIGKILL, and takes
/// every query still running in the view with it (they run in its PID namespace), though a thread still joins it.
/// </summary>
public sealed class TargetViewLifetimeTests
{
    [Fact]
    public async Task Holder_OwnerKilledWithSigkill_EndsWithItsNeverEndingQueryWithinTwoSeconds()
    {
        if (TargetView.Unavailable(TargetBaseSystem.For(TargetProfile.FreeBsd("14.2")), "/usr/bin:/bin") is { } why)
        {
            Assert.Skip("the target view is unavailable here: " + why);
        }

        using var work = new TempDirectory();
        var root = work.Combine("view");
        Directory.CreateDirectory(root);
        using var owner = System.Diagnostics.Process.Start("/bin/sleep", "600");
        string[] programs = ["/bin/sh", "/usr/bin/sleep"];
        var script = TargetViewScript.Build(
            root,
            work.Combine("view.fstab"),
            owner.Id,
            [.. programs.Select(p => new TargetViewScript.Bind(p, p, IsDirectory: false))],
            programs,
            ElfInterpreter.Of("/usr/bin/sleep"),
            [],
            TargetBaseSystem.For(TargetProfile.FreeBsd("14.2"))!);
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new ProcessRunner();
        var holder = runner.RunAsync(
            new ProcessSpec("unshare", ["--mount", "--pid", "--fork", "--propagation", "private", "/bin/sh", "-c", script])
            {
                Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin:/usr/sbin:/sbin" },
                Timeout = TimeSpan.FromSeconds(60),
            },
            new ReadySink(ready),
            TestContext.Current.CancellationToken);
        Assert.Same(ready.Task, await Task.WhenAny(ready.Task, holder));
        using var joined = await MountNamespace.JoinAsync(await ready.Task, root, pidNamespace: true, TestContext.Current.CancellationToken);
        var query = runner.RunAsync(new ProcessSpec("/usr/bin/sleep", ["600"]) { MountNamespace = joined }, null, TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(query.IsCompleted, "the never-ending query did not start in the view");

        owner.Kill();
        var ended = await Task.WhenAll(holder, query).WaitAsync(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.Exited, ended[0].Outcome);
        Assert.Equal((ProcessOutcome.Signaled, 137), (ended[1].Outcome, ended[1].ExitCode)); // SIGKILL from the kernel
        await Assert.ThrowsAsync<ProcessStartException>(() =>
            runner.RunAsync(new ProcessSpec("/usr/bin/sleep", ["1"]) { MountNamespace = joined }, null, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root)); // the view's tmpfs was never the host's
    }

    private sealed class ReadySink(TaskCompletionSource<int> ready) : IProcessOutputSink
    {
        public void OnLine(ProcessStream stream, string line)
        {
            if (stream == ProcessStream.StandardOutput && line.StartsWith(TargetViewScript.ReadyPrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(int.Parse(line.AsSpan(TargetViewScript.ReadyPrefix.Length), CultureInfo.InvariantCulture));
            }
        }
    }
}
