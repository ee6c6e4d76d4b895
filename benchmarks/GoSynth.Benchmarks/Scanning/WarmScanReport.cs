using System.Diagnostics;
using System.Globalization;
using GoSynth.Builder.Planning;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Graph;

namespace GoSynth.Benchmarks.Scanning;

/// <summary>
/// What BenchmarkDotNet does not measure, each in a process of its own:
/// <c>scan-warm-report prepare N</c> writes and cold-scans the generated tree of N ports (see <see cref="WarmScanTree"/>);
/// <c>scan-warm-report memory N</c> starts a child process that does one warm scan + graph + priorities of that tree and
/// reports its wall time, the GC's peak heap and the process's peak working set (<c>VmHWM</c>);
/// <c>scan-warm-report cli N GOSYNTH RUNS</c> times the whole <c>gosynth status everything</c> command as a real process,
/// beside <c>gosynth version</c> (process start, no scan), RUNS times each.
/// </summary>
internal static class WarmScanReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ports = int.Parse(args[1], CultureInfo.InvariantCulture);
        switch (args[0])
        {
            case "prepare":
                var tree = WarmScanTree.Open(ports);
                var (files, bytes) = tree.Size();
                Console.WriteLine($"{tree.PortsDirectory}: {ports} ports, {files} files, {bytes / 1e6:F1} MB; load {Load()}");
                return 0;
            case "memory":
                return Child("memory-child", ports);
            case "memory-child":
                return await MemoryChildAsync(ports);
            case "profile":
                return Profile(ports);
            case "cli":
                return Cli(WarmScanTree.Open(ports), args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
            default:
                Console.Error.WriteLine("scan-warm-report prepare|memory|cli PORTS [GOSYNTH RUNS]");
                return 2;
        }
    }

    private static int Child(string mode, int ports)
    {
        WarmScanTree.Open(ports);
        var self = System.Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Add(typeof(WarmScanReport).Assembly.Location);
        }

        arguments.AddRange(["scan-warm-report", mode, ports.ToString(CultureInfo.InvariantCulture)]);
        for (var run = 0; run < 3; run++)
        {
            using var process = Process.Start(new ProcessStartInfo(self, arguments))!;
            process.WaitForExit();
        }

        return 0;
    }

    private static async Task<int> MemoryChildAsync(int ports)
    {
        var tree = WarmScanTree.Open(ports, settle: false);
        var load = Load();
        var watch = Stopwatch.StartNew();
        var scan = await tree.ScanAsync(new ProcessRunner());
        var scanned = watch.Elapsed;
        var graph = PortGraph.Build(scan);
        var priorities = graph.ComputePriorities();
        var total = watch.Elapsed;

        // The build's plan over it, as status and build make it (no history here: every port is new, so the planner
        // compares no fingerprint; the scan's own fingerprints are handed over as the builder hands them).
        var plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions
        {
            PortsDirectory = tree.PortsDirectory,
            RepositoryDirectory = Path.Combine(tree.PortsDirectory, "..", "no-packages"),
            Fingerprints = scan.PortFingerprints,
        });
        var planned = watch.Elapsed;
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var cpuTotal = Process.GetCurrentProcess().TotalProcessorTime;
        var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        Console.WriteLine(
            $"{ports} ports warm: scan {scanned.TotalMilliseconds:F0} ms ({scan.Queried} make, {scan.Cached} cached), + graph + priorities {total.TotalMilliseconds:F0} ms, " +
            $"+ plan {planned.TotalMilliseconds:F0} ms ({plan.CountOf(PlanAction.Build)} to build); " +
            $"{graph.Nodes.Length} nodes (priorities: {priorities.GetType().Name}); process CPU so far {cpuTotal.TotalMilliseconds:F0} ms; GC heap now {GC.GetTotalMemory(false) / 1e6:F0} MB, " +
            $"committed {info.TotalCommittedBytes / 1e6:F0} MB; peak working set {peak.Split(':')[1].Trim()} " +
            $"({Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB); load {load} -> {Load()}");
        var again = new List<double>();
        var cpu = new List<double>();
        var self = Process.GetCurrentProcess();
        for (var i = 0; i < 5; i++)
        {
            self.Refresh();
            var before = self.TotalProcessorTime;
            watch.Restart();
            await tree.ScanAsync(new ProcessRunner());
            again.Add(watch.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - before).TotalMilliseconds);
        }

        Console.WriteLine($"  the same scan again in this process (JIT done): wall {Describe(again)}; CPU {Describe(cpu)}");
        return 0;
    }

private static int Profile(int ports)
    {
        var tree = WarmScanTree.Open(ports, settle: false);
        var origins = GoSynth.Pkg.Scanning.PortsTree.EnumerateOrigins(tree.PortsDirectory);
        var cacheFile = Directory.GetFiles(tree.CacheDirectory, "*.cache")[0];
        void Phase(string name, Action action)
        {
            var self = Process.GetCurrentProcess();
            var cpu = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                self.Refresh();
                var before = self.TotalProcessorTime;
                action();
                self.Refresh();
                cpu.Add((self.TotalProcessorTime - before).TotalMilliseconds);
            }

            Console.WriteLine($"{name,-40} CPU {Describe(cpu.Skip(1).ToList())}");
        }

        Phase("EnumerateOrigins", () => GoSynth.Pkg.Scanning.PortsTree.EnumerateOrigins(tree.PortsDirectory));
        Phase("File.Exists(Makefile) x ports", () => { foreach (var o in origins) { File.Exists(tree.PortsDirectory + "/" + o + "/Makefile"); } });
        Phase("walker (readdir + statx) x ports", () => { foreach (var o in origins) { GoSynth.Pkg.Fingerprints.Internal.FingerprintFileWalker.List(tree.PortsDirectory + "/" + o, default); } });
        Phase("MetadataCacheFile.Read", () => GoSynth.Pkg.Scanning.Internal.MetadataCacheFile.Read(cacheFile, tree.PortsDirectory));
        Phase("MetadataCache.Open+fingerprints", () =>
        {
            var c = GoSynth.Pkg.Scanning.Internal.MetadataCache.Open(tree.CacheDirectory, tree.PortsDirectory, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            c.BeginScan();
            foreach (var o in origins) { c.Fingerprint(tree.PortsDirectory + "/" + o, default); }
        });
        var content = GoSynth.Pkg.Scanning.Internal.MetadataCacheFile.Read(cacheFile, tree.PortsDirectory);
        Phase("MetadataParser.Parse x entries", () =>
        {
            foreach (var (key, entry) in content.Entries)
            {
                GoSynth.Pkg.Scanning.Internal.MetadataParser.Parse(new GoSynth.Pkg.Ports.PortId(key.Origin, key.Flavor), entry.Output, tree.PortsDirectory);
            }
        });
        Phase("whole warm scan", () => tree.ScanAsync(new ProcessRunner()).GetAwaiter().GetResult());
        return 0;
    }

    private static int Cli(WarmScanTree tree, string gosynth, int runs)
    {
        string[] status = ["status", "everything", "--ports-dir", tree.PortsDirectory, "--cache-dir", tree.CacheDirectory, "--make", "bmake"];

        // The CLI's own scan has the CLI's work directory and options; its first two runs fill and settle its cache entries.
        Time(gosynth, status, 2);
        Thread.Sleep(TimeSpan.FromSeconds(2.2));
        Time(gosynth, status, 1);
        var load = Load();
        var version = Time(gosynth, ["version"], runs);
        var everything = Time(gosynth, status, runs);
        Console.WriteLine($"gosynth version:            {Describe(version)}");
        Console.WriteLine($"gosynth status everything:  {Describe(everything)} ({tree.Ports} ports, warm)");
        Console.WriteLine($"load {load} -> {Load()}");
        return 0;
    }

    private static List<double> Time(string program, string[] arguments, int runs)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}");
            }

            _ = output.Result;
        }

        return times;
    }

    private static string Describe(List<double> times)
    {
        var sorted = times.Order().ToList();
        return FormattableString.Invariant($"median {sorted[sorted.Count / 2]:F0} ms, min {sorted[0]:F0}, max {sorted[^1]:F0} ({times.Count} runs)");
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
