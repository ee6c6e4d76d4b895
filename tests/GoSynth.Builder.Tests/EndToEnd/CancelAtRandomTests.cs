using System.Collections.Concurrent;
using GoSynth.Builder.Running;
using GoSynth.Builder.Tests.Execution;
using GoSynth.Builder.Tests.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Tests.EndToEnd;

/// <summary>
/// A real build of the sample tree cancelled at random moments (during the scan, the slot setup, an install, a phase,
/// the teardown): after each, nothing is mounted under the build base, no process of a slot is left, and the next run
/// builds misc/hello in a clean slot. Root only.
/// </summary>
public sealed class CancelAtRandomTests
{
    private const int Iterations = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Lane", "Slow")]
    public async Task Build_CancelledAtRandomMoments_LeavesNothingBehind_AndTheNextRunBuilds()
    {
        ExecutorTestBed.RequireRoot();
        using var fixture = new RunFixture();
        var logs = new LogRecorder();
        await using var provider = Compose(fixture, logs);
        var runner = provider.GetRequiredService<BuildRunner>();
        var buildBase = fixture.Options.BuildBase;
        var random = new Random(System.Environment.ProcessId);
        var delays = new List<int>();

        // Runs that are not cancelled build the dependencies once, then show how long a run like the cancelled ones takes here.
        var ports = new[] { "misc/hello", "textproc/wordcount", "editors/tedit@gui" };
        Assert.False((await runner.RunAsync(new BuildRunOptions { Ports = ports }, Ct)).Aborted);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False((await runner.RunAsync(new BuildRunOptions { Ports = ports, Force = true }, Ct)).Aborted);
        var runTime = (int)clock.ElapsedMilliseconds;

        for (var i = 0; i < Iterations; i++)
        {
            // Anywhere from the scan through the slot setup, the installs and the phases to the teardown.
            var delay = random.Next(0, runTime + (runTime / 5));
            delays.Add(delay);
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            interrupt.CancelAfter(delay);
            string what;
            try
            {
                var cancelled = await runner.RunAsync(new BuildRunOptions { Ports = ports, Force = true }, interrupt.Token);
                what = $"aborted={cancelled.Aborted} " + string.Join(' ', cancelled.Ports.Select(p => $"{p.Port}:{p.Status}:{p.Phase}"));
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested && !Ct.IsCancellationRequested)
            {
                // Cancelled before the run was opened (in the scan): also fine.
                what = "cancelled before the run opened";
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{i}: {delay} ms: {what}");

            var context = $"iteration {i}, cancelled after {delay} ms (delays {string.Join(',', delays)})\n{logs}";
            Assert.True(SlotState.MountsUnder(buildBase).Length == 0, $"mounts left: {string.Join(", ", SlotState.MountsUnder(buildBase))}; {context}");
            Assert.True(SlotState.ProcessesOf(buildBase).Length == 0, $"processes left: {string.Join(", ", SlotState.ProcessesOf(buildBase))}; {context}");

            var next = await runner.RunAsync(new BuildRunOptions { Ports = ["misc/hello"], Force = true }, Ct);
            var hello = next.Ports.Single(p => p.Port == "misc/hello");
            Assert.True(hello.Status == BuildRunPortStatus.Built, $"misc/hello {hello.Status} in {hello.Phase}: {hello.Reason} {hello.LogExcerpt}; {context}");
            Assert.True(SlotState.MountsUnder(buildBase).Length == 0, $"mounts left after the next run: {string.Join(", ", SlotState.MountsUnder(buildBase))}; {context}");
            logs.Clear();
        }
    }

    private static ServiceProvider Compose(RunFixture fixture, LogRecorder logs)
    {
        Directory.CreateDirectory(fixture.Options.DistfilesDirectory);
        Directory.CreateDirectory(fixture.Options.OptionsDirectory);
        var services = new ServiceCollection().AddGoSynthBuilder(o =>
        {
            o.PortsDirectory = fixture.Ports;
            o.PackagesDirectory = fixture.Options.PackagesDirectory;
            o.BuildBase = fixture.Options.BuildBase;
            o.LogsDirectory = fixture.Options.LogsDirectory;
            o.DistfilesDirectory = fixture.Options.DistfilesDirectory;
            o.OptionsDirectory = fixture.Options.OptionsDirectory;
            o.NumberOfBuilders = 2;
            o.MaxJobsPerBuilder = 1;
            o.DisableThrottle = true;
        });
        services.AddSingleton<ILoggerProvider>(logs);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    /// <summary>Keeps the warnings and errors of every category (and slot events), to explain a failed iteration.</summary>
    private sealed class LogRecorder : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Clear() => _lines.Clear();

        public override string ToString() => string.Join('\n', _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning || eventId.Id is >= 4010 and < 4020)
                {
                    lines.Enqueue($"{logLevel} {eventId.Id} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}
