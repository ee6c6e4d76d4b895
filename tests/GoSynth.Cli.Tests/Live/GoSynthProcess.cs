using System.Diagnostics;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Live;

/// <summary>
/// Runs the built <c>gosynth</c> as a real process against a copy of the sample tree with real slots (root), for the
/// tests of what a person or a pipe sees.
/// </summary>
internal static class GoSynthProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "gosynth.dll");

    /// <summary>Skips the test unless real builds can run here: Linux, root, unshare, bmake, and the tools named.</summary>
    public static void RequireRealBuilds(params string[] tools)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("builds run in Linux slots");
        }

        var uid = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.SkipUnless(uid == "0", "Linux slots mount filesystems and need root; run the tests as root (CI does)");
        foreach (var tool in new[] { "/usr/bin/unshare", "/usr/bin/bmake" }.Concat(tools))
        {
            Assert.SkipUnless(File.Exists(tool), $"{tool} is missing; run eng/prereqs.sh");
        }
    }

    /// <summary>
    /// Copies the sample tree into <paramref name="dir"/> and writes a configuration for it with two builders (gosynth
    /// init); with <paramref name="slowHello"/> misc/hello spends that long in its build phase. Returns the -C directory.
    /// </summary>
    public static async Task<string> PrepareAsync(TempDirectory dir, TimeSpan? slowHello, CancellationToken cancellationToken)
    {
        var ports = dir.Combine("ports");
        await RunToolAsync("cp", ["-a", RepositoryPaths.SamplePorts, ports], cancellationToken);
        if (slowHello is { } slow)
        {
            var makefile = Path.Combine(ports, "misc", "hello", "Makefile");
            var text = await File.ReadAllTextAsync(makefile, cancellationToken);
            text = text.Replace(".include <bsd.port.mk>", $"pre-build:\n\tsleep {(int)slow.TotalSeconds}\n\n.include <bsd.port.mk>", StringComparison.Ordinal);
            await File.WriteAllTextAsync(makefile, text, cancellationToken);
        }

        var etc = dir.Combine("etc");
        var init = await RunAsync(["-C", etc, "init", "--build-root", dir.Combine("build"), "--ports-dir", ports], cancellationToken);
        Assert.True(init.ExitCode == 0, init.Output + init.Error);
        var ini = Path.Combine(etc, "dsynth.ini");
        var config = await File.ReadAllTextAsync(ini, cancellationToken);
        await File.WriteAllTextAsync(ini, config.Replace("Number_of_builders = 1", "Number_of_builders = 2", StringComparison.Ordinal), cancellationToken);
        return etc;
    }

    /// <summary>The monitor file of a configuration made by <see cref="PrepareAsync"/>.</summary>
    public static string MonitorFile(TempDirectory dir) => dir.Combine("build", "logs", "monitor.json");

    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }

    public static async Task<string> RunToolAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', info.ArgumentList)}: {await error}");
        return await output;
    }
}
