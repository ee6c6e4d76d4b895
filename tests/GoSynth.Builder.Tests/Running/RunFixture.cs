using System.Collections.Concurrent;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;
using GoSynth.Builder.Running;
using GoSynth.BuildDb;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using GoSynth.Pkg;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Tests.Running;

/// <summary>A copy of samples/ports, an empty packages directory, a build base and a build database, all in a temp directory.</summary>
internal sealed class RunFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public RunFixture()
    {
        Ports = _dir.Combine("ports");
        Copy(RepositoryPaths.SamplePorts, Ports);
        Options = new BuilderOptions
        {
            PortsDirectory = Ports,
            PackagesDirectory = _dir.Combine("packages"),
            BuildBase = _dir.Combine("build"),
            LogsDirectory = _dir.Combine("logs"),
            DistfilesDirectory = _dir.Combine("distfiles"),
            OptionsDirectory = _dir.Combine("options"),
            NumberOfBuilders = 2,
            MaxJobsPerBuilder = 1,
            DisableThrottle = true,
        };
        Directory.CreateDirectory(Repository);
        Directory.CreateDirectory(Options.BuildBase);
    }

    public string Ports { get; }

    public BuilderOptions Options { get; }

    public string Repository => Options.EffectiveRepositoryDirectory;

    public string Database => Options.EffectiveDatabasePath;

    public static bool HasBmake() => (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
        .Any(d => File.Exists(Path.Combine(d, "bmake")));

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public FakePortBuildExecutor Executor(IEnumerable<string>? failing = null, IEnumerable<string>? hanging = null) => new()
    {
        RepositoryDirectory = Repository,
        Failing = (failing ?? []).ToHashSet(),
        Hanging = (hanging ?? []).ToHashSet(),
    };

    public BuildRunner Runner(IPortBuildExecutorFactory? executors, IEnumerable<IBuildEventSink>? sinks = null, SlotEnvironment? slots = null)
    {
        var scanner = new PortScanner(
            new PkgOptions
            {
                PortsDirectory = Ports,
                MakeProgram = "bmake",
                Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
                WorkDirectory = _dir.Combine("work"),
                SearchPath = "/usr/bin:/bin",
            },
            new ProcessRunner());
        var databases = new DefaultBuildDatabaseFactory(Microsoft.Extensions.Options.Options.Create(new BuildDbOptions { Path = Database }));
        return new BuildRunner(Microsoft.Extensions.Options.Options.Create(Options), scanner, databases, executors, sinks, slots: slots);
    }

    public void Dispose() => _dir.Dispose();

    private static void Copy(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}

/// <summary>Keeps every event and counts flushes, noting whether the run had finished when it flushed.</summary>
internal sealed class RecordingSink : IBuildEventSink
{
    private readonly ConcurrentQueue<BuildEvent> _events = new();

    public List<BuildEvent> Events => [.. _events];

    public int Flushes { get; private set; }

    public bool FinishedBeforeFlush { get; private set; }

    public void Publish(BuildEvent buildEvent) => _events.Enqueue(buildEvent);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Flushes++;
        FinishedBeforeFlush = _events.Any(e => e is RunFinishedEvent);
        return ValueTask.CompletedTask;
    }
}
