using GoSynth.Builder.Events;
using GoSynth.Builder.Execution;
using GoSynth.Builder.Running;
using GoSynth.Environment.Slots;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// The build benchmarks' shared parts: a generated buildable tree (200 ports by default, no IGNOREd ports so that
/// every port builds), a run of the real <see cref="BuildRunner"/> composed as the CLI composes it
/// (<c>AddGoSynthBuilder</c>, with a <see cref="LocalSlotExecutorFactory"/> registered first to choose dependency
/// reuse), and the counts of a run taken from its <see cref="PortFinishedEvent"/>s.
/// </summary>
internal static class BuildTreeFixture
{
    /// <summary>The generated tree's size (ports-mgmt/pkg included).</summary>
    public const int PortCount = 200;

    /// <summary>Writes the buildable tree into <paramref name="directory"/>.</summary>
    public static GeneratedPortsTree Generate(string directory, int portCount = PortCount) =>
        PortsTreeGenerator.Generate(directory, new PortsTreeGeneratorOptions
        {
            PortCount = portCount,
            CategoryCount = 12,
            IgnoredFraction = 0,
            Buildable = true,
        });

    /// <summary>The tree's nodes, each after everything it depends on (every kind).</summary>
    public static List<string> DependencyOrder(GeneratedPortsTree tree)
    {
        var dependencies = tree.Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList(), StringComparer.Ordinal);
        var order = new List<string>(tree.Nodes.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string node)
        {
            if (!done.Add(node))
            {
                return;
            }

            foreach (var dependency in dependencies.GetValueOrDefault(node) ?? [])
            {
                Visit(dependency);
            }

            order.Add(node);
        }

        foreach (var node in tree.Nodes)
        {
            Visit(node);
        }

        return order;
    }

    /// <summary>Builds everything in <paramref name="tree"/> into a new build root under <paramref name="root"/>.</summary>
    public static async Task<BuildTreeRun> BuildAsync(GeneratedPortsTree tree, string root, int builders, bool reuse, CancellationToken cancellationToken = default)
    {
        foreach (var d in new[] { "packages/All", "distfiles", "options", "build", "logs" })
        {
            Directory.CreateDirectory(Path.Combine(root, d));
        }

        var counts = new CountingSink();
        var services = new ServiceCollection()
            .AddSingleton<IPortBuildExecutorFactory>(sp => new LocalSlotExecutorFactory(
                sp.GetRequiredService<SlotEnvironment>(), options: new LocalSlotExecutorOptions { ReuseDependencies = reuse }))
            .AddGoSynthBuilder(o =>
            {
                o.PortsDirectory = tree.Directory;
                o.PackagesDirectory = Path.Combine(root, "packages");
                o.DistfilesDirectory = Path.Combine(root, "distfiles");
                o.OptionsDirectory = Path.Combine(root, "options");
                o.BuildBase = Path.Combine(root, "build");
                o.LogsDirectory = Path.Combine(root, "logs");
                o.NumberOfBuilders = builders;
                o.MaxJobsPerBuilder = 1;
                o.DisableThrottle = true;
            });
        var provider = services.BuildServiceProvider();
        await using (provider.ConfigureAwait(false))
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await provider.GetRequiredService<BuildRunner>()
                .RunAsync(new BuildRunOptions { Sinks = [counts] }, cancellationToken).ConfigureAwait(false);
            var wall = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var expected = tree.Nodes.Count - tree.MetaOrigins.Count;
            var failed = result.Ports.FirstOrDefault(p => p.Status == BuildRunPortStatus.Failed);
            if (failed is null && (!result.Succeeded || result.Built != expected))
            {
                throw new InvalidOperationException($"the generated tree did not build: {result.Built} of {expected} built, {result.Skipped} skipped, aborted {result.Aborted}");
            }

            return new BuildTreeRun(builders, reuse, wall, result.Built, counts.Reused, counts.Installed, counts.SlotTime, counts.PhaseTime)
            {
                Failed = result.Failed,
                FirstFailure = failed is null ? null : $"{failed.Port} in phase {failed.Phase}: {failed.Reason}\n{LogTail(failed.LogFile)}",
                Packages = result.Ports.Where(p => p.PackageFile is not null).ToDictionary(
                    p => p.Port, p => Path.Combine(root, "packages", "All", p.PackageFile!), StringComparer.Ordinal),
            };
        }
    }

    private static string LogTail(string? file) =>
        file is not null && File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(8)) : "(no log)";

    /// <summary>Counts what the ports' outcomes say.</summary>
    private sealed class CountingSink : IBuildEventSink
    {
        private long _reused;
        private long _installed;
        private long _slotTicks;
        private long _phaseTicks;

        public int Reused => (int)Interlocked.Read(ref _reused);

        public int Installed => (int)Interlocked.Read(ref _installed);

        public TimeSpan SlotTime => TimeSpan.FromTicks(Interlocked.Read(ref _slotTicks));

        public TimeSpan PhaseTime => TimeSpan.FromTicks(Interlocked.Read(ref _phaseTicks));

        public void Publish(BuildEvent buildEvent)
        {
            if (buildEvent is PortFinishedEvent finished)
            {
                Interlocked.Add(ref _reused, finished.Outcome.ReusedPackages);
                Interlocked.Add(ref _installed, finished.Outcome.InstalledPackages);
                Interlocked.Add(ref _slotTicks, finished.Outcome.Duration.Ticks);
                Interlocked.Add(ref _phaseTicks, finished.Outcome.Phases.Sum(p => p.Duration.Ticks));
            }
        }
    }
}

/// <summary>What one run of the generated tree did.</summary>
/// <param name="Builders">Number of builders.</param>
/// <param name="Reuse">Whether slots kept installed dependencies.</param>
/// <param name="Wall">Wall time of the whole run (scan, plan, builds, catalog).</param>
/// <param name="Built">Ports built.</param>
/// <param name="Reused">Dependency packages found installed already, summed over the ports.</param>
/// <param name="Installed">Dependency packages installed, summed over the ports.</param>
/// <param name="SlotTime">Sum of the ports' build durations in their slots.</param>
/// <param name="PhaseTime">Sum of the ports' make phase durations.</param>
internal sealed record BuildTreeRun(int Builders, bool Reuse, TimeSpan Wall, int Built, int Reused, int Installed, TimeSpan SlotTime, TimeSpan PhaseTime)
{
    /// <summary>The package file (full path) of each built node.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Ports that failed. Every port of the generated tree builds, so a failure is the machine's (a slot command that
    /// could not start); such a run is printed as INVALID and its time must not be used.
    /// </summary>
    public int Failed { get; init; }

    /// <summary>The first failed port, its phase, reason and log tail; null when none failed.</summary>
    public string? FirstFailure { get; init; }

    /// <summary>One line for the benchmark log.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"// build-tree: {(Failed > 0 ? "INVALID (" + Failed + " failed) " : "")}builders={Builders} reuse={Reuse} wall={Wall.TotalSeconds:F2}s built={Built} wall/port={Wall.TotalMilliseconds / Built:F0}ms "
        + $"reused={Reused} installed={Installed} slot-time={SlotTime.TotalSeconds:F2}s phase-time={PhaseTime.TotalSeconds:F2}s "
        + $"load={File.ReadAllText("/proc/loadavg").Trim()}");
}
