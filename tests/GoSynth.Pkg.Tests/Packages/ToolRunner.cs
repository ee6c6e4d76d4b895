using System.Diagnostics;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>Runs a host tool (tar, zstd) for oracle comparisons; tests skip when the tool is missing.</summary>
internal static class ToolRunner
{
    public static bool Exists(string tool) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    public static void RequireTools(params string[] tools)
    {
        foreach (var tool in tools)
        {
            if (!Exists(tool))
            {
                Assert.Skip($"'{tool}' is not installed (eng/prereqs.sh installs it)");
            }
        }
    }

    public static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {stderr.GetAwaiter().GetResult()}");
        return stdout.GetAwaiter().GetResult();
    }
}
