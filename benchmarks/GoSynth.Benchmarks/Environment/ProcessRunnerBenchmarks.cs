using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using GoSynth.Environment.Processes;

namespace GoSynth.Benchmarks.Environment;

/// <summary>The cost of starting, streaming and reaping a short program: ProcessRunner against System.Diagnostics.Process.</summary>
[MemoryDiagnoser]
public class ProcessRunnerBenchmarks
{
    private static readonly string[] s_args = ["-c", "echo one; echo two >&2"];
    private readonly ProcessRunner _runner = new();

    [Benchmark(Baseline = true, Description = "System.Diagnostics.Process")]
    public async Task<int> DiagnosticsProcess()
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in s_args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        psi.Environment["PATH"] = "/usr/bin:/bin";
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var lines = 0;
        p.OutputDataReceived += (_, e) => lines += e.Data is null ? 0 : 1;
        p.ErrorDataReceived += (_, e) => lines += e.Data is null ? 0 : 1;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        await p.WaitForExitAsync();
        return p.ExitCode + lines;
    }

    [Benchmark(Description = "ProcessRunner")]
    public async Task<int> Runner()
    {
        var sink = new CapturingOutputSink();
        var result = await _runner.RunAsync(new ProcessSpec("/bin/sh", s_args) { Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" } }, sink);
        return result.ExitCode + sink.StandardOutputLines.Count;
    }
}
