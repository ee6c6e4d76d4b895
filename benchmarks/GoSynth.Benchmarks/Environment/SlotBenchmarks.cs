using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Benchmarks.Environment;

/// <summary>
/// Slot life-cycle costs on this host: setup + teardown, reset, and running a program inside a slot against running
/// it directly. Uses the Linux backend when run as root, otherwise the host backend (see <see cref="Backend"/>).
/// </summary>
[MemoryDiagnoser]
public class SlotBenchmarks
{
    private static readonly ImmutableDictionary<string, string> s_env = ImmutableDictionary<string, string>.Empty.Add("PATH", "/usr/bin:/bin");
    private readonly ProcessRunner _runner = new();
    private string _base = string.Empty;
    private SlotEnvironment _environment = null!;
    private ISlot _slot = null!;

    /// <summary>The backend measured.</summary>
    public SlotBackend Backend { get; private set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _base = Directory.CreateTempSubdirectory("gosynth-bench-").FullName;
        foreach (var d in new[] { "ports", "distfiles", "packages/All", "options", "Template/etc", "Template/var/db/pkg", "Template/usr/local/sbin" })
        {
            Directory.CreateDirectory(Path.Combine(_base, d));
        }

        File.WriteAllText(Path.Combine(_base, "Template/etc/passwd"), "root:*:0:0:root:/root:/bin/sh\n");
        File.WriteAllText(Path.Combine(_base, "Template/var/db/pkg/local.sqlite"), "db");
        var options = new SlotOptions
        {
            BuildBase = _base,
            PortsDirectory = Path.Combine(_base, "ports"),
            DistfilesDirectory = Path.Combine(_base, "distfiles"),
            PackagesDirectory = Path.Combine(_base, "packages"),
            OptionsDirectory = Path.Combine(_base, "options"),
            RootSize = "256m",
            ConstructionSize = "256m",
            LocalBaseSize = "128m",
        };
        _environment = SlotEnvironment.Create(options);
        Backend = _environment.Backend;
        _slot = _environment.CreateSlot(1);
        await _slot.SetupAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _slot.TeardownAsync();
        await _environment.CleanupStaleSlotsAsync();
        Directory.Delete(_base, recursive: true);
    }

    [Benchmark(Description = "slot setup + teardown")]
    public async Task<bool> SetupTeardown()
    {
        var slot = _environment.CreateSlot(2);
        await slot.SetupAsync();
        return (await slot.TeardownAsync()).Complete;
    }

    [Benchmark(Description = "slot reset")]
    public Task Reset() => _slot.ResetAsync();

    [Benchmark(Baseline = true, Description = "/bin/true directly (ProcessRunner)")]
    public async Task<int> Direct() => (await _runner.RunAsync(new ProcessSpec("/bin/true", []) { Environment = s_env })).ExitCode;

    [Benchmark(Description = "/bin/true in the slot (Execute)")]
    public async Task<int> InSlot() => (await _slot.ExecuteAsync(new SlotCommand("/bin/true", []) { Environment = s_env })).ExitCode;
}
