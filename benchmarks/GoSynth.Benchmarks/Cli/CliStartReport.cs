using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace GoSynth.Benchmarks.Cli;

/// <summary>
/// How long a command takes from process start to exit, the way a user meets it: the real process is started
/// <c>--runs</c> times (default 20) after two unmeasured warm-up runs, and the wall time of each run is taken with a
/// <see cref="Stopwatch"/> around start and exit. The commands take turns, one run each, so a change of load hits all alike. Prints the load average before and after, then mean, median,
/// minimum, 90th percentile and maximum in milliseconds, as one Markdown table row per command, and the CPU time
/// (user + system, from <c>getrusage(RUSAGE_CHILDREN)</c>) the process used: on a loaded machine the wall time
/// includes waiting for a core, the CPU time much less so.
/// Run: <c>dotnet run -c Release --project benchmarks/GoSynth.Benchmarks -- cli-start [--runs N] [--env NAME=VALUE]…
/// -- &lt;label&gt;=&lt;program&gt; [args…] [;; &lt;label&gt;=&lt;program&gt; [args…]]…</c>
/// (commands separated by <c>;;</c>; <c>--env</c> applies to every command). A command that exits non-zero stops the report.
/// </summary>
internal static class CliStartReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 20;
        var environment = new List<(string Name, string Value)>();
        var i = 0;
        for (; i < args.Length && args[i] != "--"; i++)
        {
            switch (args[i])
            {
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--env":
                    var pair = args[++i].Split('=', 2);
                    environment.Add((pair[0], pair[1]));
                    break;
                default:
                    await Console.Error.WriteLineAsync($"cli-start: unknown option {args[i]}");
                    return 2;
            }
        }

        var commands = new List<(string Label, string[] Argv)>();
        var current = new List<string>();
        foreach (var word in args.Skip(i + 1).Append(";;"))
        {
            if (word != ";;")
            {
                current.Add(word);
                continue;
            }

            if (current.Count > 0)
            {
                var split = current[0].Split('=', 2);
                commands.Add(split.Length == 2 ? (split[0], [split[1], .. current.Skip(1)]) : (current[0], [.. current]));
                current.Clear();
            }
        }

        if (commands.Count == 0)
        {
            await Console.Error.WriteLineAsync("cli-start: no command after --");
            return 2;
        }

        Console.WriteLine($"load average before: {LoadAverage()}; {runs} runs per command after 2 warm-up runs; {System.Environment.ProcessorCount} CPUs");
        Console.WriteLine();
        Console.WriteLine("| command | mean ms | median ms | min ms | p90 ms | max ms | CPU mean ms | CPU min ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        // Round robin (one run of each command in turn) so that a change of load hits every command alike.
        var times = commands.Select(_ => new List<double>()).ToArray();
        var cpu = commands.Select(_ => new List<double>()).ToArray();
        for (var run = -2; run < runs; run++)
        {
            for (var c = 0; c < commands.Count; c++)
            {
                var cpuBefore = ChildrenCpuMilliseconds();
                var elapsed = await RunOnceAsync(commands[c].Argv, environment);
                var cpuUsed = ChildrenCpuMilliseconds() - cpuBefore;
                if (elapsed is null)
                {
                    await Console.Error.WriteLineAsync($"cli-start: {string.Join(' ', commands[c].Argv)} failed");
                    return 1;
                }

                if (run >= 0)
                {
                    times[c].Add(elapsed.Value);
                    cpu[c].Add(cpuUsed);
                }
            }
        }

        for (var c = 0; c < commands.Count; c++)
        {
            var sorted = times[c].Order().ToList();
            string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {commands[c].Label} | {F(sorted.Average())} | {F(sorted[sorted.Count / 2])} | {F(sorted[0])} | {F(sorted[(int)Math.Ceiling(sorted.Count * 0.9) - 1])} | {F(sorted[^1])} | {F(cpu[c].Average())} | {F(cpu[c].Min())} |");
        }

        Console.WriteLine();
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static async Task<double?> RunOnceAsync(string[] argv, List<(string Name, string Value)> environment)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        clock.Stop();
        return process.ExitCode == 0 ? clock.Elapsed.TotalMilliseconds : null;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double ChildrenCpuMilliseconds()
    {
        var usage = new long[18];
        if (!OperatingSystem.IsLinux() || GetRusage(-1, usage) != 0)
        {
            return double.NaN;
        }

        // struct rusage begins with ru_utime and ru_stime, each a timeval (seconds, microseconds).
        return (usage[0] * 1000.0) + (usage[1] / 1000.0) + (usage[2] * 1000.0) + (usage[3] / 1000.0);
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);
}
