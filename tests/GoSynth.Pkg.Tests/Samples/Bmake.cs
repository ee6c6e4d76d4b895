using System.Diagnostics;

namespace GoSynth.Pkg.Tests.Samples;

/// <summary>
/// Runs the host's bmake with an explicit, clean environment (the test-side stand-in for the
/// project's process runner): argv only, no shell, stdin closed, both streams captured.
/// </summary>
internal static class Bmake
{
    private static readonly Lazy<string?> s_path = new(Find);

    /// <summary>The bmake executable, or null when it is not installed.</summary>
    public static string? Path => s_path.Value;

    /// <summary>Skips the calling test when bmake is missing.</summary>
    public static string Require()
    {
        if (Path is null)
        {
            Assert.Skip("bmake is not installed; run eng/prereqs.sh");
        }

        return Path!;
    }

    public static async Task<BmakeResult> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Require())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bmake did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new BmakeResult(process.ExitCode, await stdout, await stderr);
    }

    private static string? Find()
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/bin", "/usr/local/bin"]))
        {
            var candidate = System.IO.Path.Combine(dir, "bmake");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
