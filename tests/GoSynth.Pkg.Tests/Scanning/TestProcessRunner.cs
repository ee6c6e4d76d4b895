using System.Diagnostics;
using GoSynth.Environment.Processes;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>A plain runner for the scan tests: argv, explicit environment, stdin from /dev/null, lines to the sink.</summary>
internal sealed class TestProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, IProcessOutputSink? output = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        foreach (var a in spec.Arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Clear();
        foreach (var (k, v) in spec.Environment)
        {
            info.Environment[k] = v;
        }

        if (!spec.Environment.ContainsKey("PATH"))
        {
            info.Environment["PATH"] = "/usr/bin:/bin";
        }

        var stopwatch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ProcessStartException(spec.FileName, ex.Message, ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var outTask = Pump(process.StandardOutput, ProcessStream.StandardOutput, output);
            var errTask = Pump(process.StandardError, ProcessStream.StandardError, output);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await Task.WhenAll(outTask, errTask);
            return new ProcessResult(ProcessOutcome.Exited, process.ExitCode, stopwatch.Elapsed);
        }
    }

    private static async Task Pump(StreamReader reader, ProcessStream stream, IProcessOutputSink? sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            sink?.OnLine(stream, line);
        }
    }
}
