using System.Diagnostics;

namespace GoSynth.Environment.Tests.Processes;

/// <summary>
/// The runtime may start a thread of its own from whatever thread reaches a point that needs one (the tiered
/// compilation worker after it idled, most often). A thread that spawns into a view must never be one the runtime
/// starts a thread from while it is inside: the new thread would be refused by the kernel (its children's PID
/// namespace is not its own) and the process would abort. A child process makes that happen as often as possible.
/// </summary>
public sealed class MountNamespaceRuntimeThreadTests
{
    [Fact]
    public async Task ManySpawnsIntoAViewWithItsPidNamespace_RuntimeStartsThreadsAllTheTime_ProcessSurvives()
    {
        if (!OperatingSystem.IsLinux() || !System.Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/unshare"))
        {
            Assert.Skip("joining a mount and PID namespace needs Linux, root and unshare (util-linux)");
        }

        var (exitCode, output) = await RunChildAsync(spawns: 2000);

        Assert.True(exitCode == 0, $"the child ended with {Describe(exitCode)}: {output}");
        Assert.Contains("spawned 2000, wrong 0", output, StringComparison.Ordinal);
    }

    /// <summary>Runs this test assembly as <see cref="ViewSpawnChild"/> with the tiering worker made to stop and start as often as it can.</summary>
    private static async Task<(int ExitCode, string Output)> RunChildAsync(int spawns)
    {
        var assembly = typeof(ViewSpawnChild).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        start.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        start.Environment[ViewSpawnChild.Variable] = spawns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_TC_BackgroundWorkerTimeoutMs"] = "1";
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw;
        }

        return (child.ExitCode, (await stdout).Trim() + " " + (await stderr).Trim());
    }

    private static string Describe(int exitCode) => exitCode > 128 ? $"signal {exitCode - 128}" : $"exit {exitCode}";

    /// <summary>The dotnet host running these tests, or the one on PATH.</summary>
    private static string DotnetHost() =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Path.GetFileNameWithoutExtension(System.Environment.ProcessPath) == "dotnet" ? System.Environment.ProcessPath! : "dotnet";
}
