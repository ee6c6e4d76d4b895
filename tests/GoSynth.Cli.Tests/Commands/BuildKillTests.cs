using System.Diagnostics;
using GoSynth.BuildDb;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

/// <summary>
/// <c>gosynth build</c> killed with SIGKILL in the middle of a real build of the sample tree, then started again: the
/// next build repairs the build database, cleans the slots the dead one left and builds, without manual cleanup.
/// </summary>
public sealed class BuildKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_KilledWithSigkill_TheNextBuildCleansUpAndBuilds()
    {
        RequireRootAndTools();
        using var dir = new TempDirectory();
        var ports = dir.Combine("ports");
        await RunAsync("cp", ["-a", RepositoryPaths.SamplePorts, ports]);
        var etc = dir.Combine("etc");
        var build = dir.Combine("build");
        Assert.Equal(0, (await GoSynthAsync(["-C", etc, "init", "--build-root", build, "--ports-dir", ports])).ExitCode);
        var ini = Path.Combine(etc, "dsynth.ini");
        await File.WriteAllTextAsync(ini, (await File.ReadAllTextAsync(ini, Ct)).Replace("Number_of_builders = 1", "Number_of_builders = 2", StringComparison.Ordinal), Ct);
        var logs = Path.Combine(build, "logs");
        var buildBase = Path.Combine(build, "build");

        // The first build is killed as soon as a port is being built in a slot.
        using (var first = Start(["-C", etc, "-y", "-S", "build", "everything"]))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(Path.Combine(logs, "ports-mgmt___pkg.log")) && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, Ct);
            }

            if (first.HasExited)
            {
                Assert.Fail("the build ended before it could be killed: " + await first.StandardOutput.ReadToEndAsync(Ct));
            }

            first.Kill(entireProcessTree: false);
            await first.WaitForExitAsync(Ct);
        }

        // The next one starts without any cleanup by hand and builds the tree.
        var second = await GoSynthAsync(["-C", etc, "-y", "-S", "build", "everything"]);

        Assert.True(second.ExitCode == 1, second.Output);
        Assert.Contains("failure  broken/badcode", second.Output, StringComparison.Ordinal);
        Assert.Contains("success  misc/hello", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Split(' ')[4].StartsWith(buildBase + "/", StringComparison.Ordinal));
        await using var database = await BuildDatabase.OpenReadOnlyAsync(Path.Combine(buildBase, "gosynth.db"), cancellationToken: Ct);
        var runs = database.ListRuns();
        Assert.Equal(2, runs.Count);
        Assert.Contains(runs, r => r.Outcome == RunOutcome.Aborted);
        Assert.Contains(runs, r => r.Outcome == RunOutcome.Completed);
    }

    private static void RequireRootAndTools()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("builds run in Linux slots");
        }

        var uid = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.SkipUnless(uid == "0", "Linux slots mount filesystems and need root; run the tests as root (CI does)");
        foreach (var tool in new[] { "/usr/bin/unshare", "/usr/bin/bmake" })
        {
            Assert.SkipUnless(File.Exists(tool), $"{tool} is missing; run eng/prereqs.sh");
        }
    }

    private static Process Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gosynth.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> GoSynthAsync(IEnumerable<string> arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output + await error);
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        await process.WaitForExitAsync(Ct);
        Assert.Equal(0, process.ExitCode);
    }
}
