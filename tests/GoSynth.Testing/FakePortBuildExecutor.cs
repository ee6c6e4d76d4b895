using System.Collections.Concurrent;
using System.Collections.Immutable;
using GoSynth.Builder.Events;
using GoSynth.Builder.Running;
using GoSynth.Builder.Scheduling;
using GoSynth.Pkg.Packages;

namespace GoSynth.Testing;

/// <summary>
/// A port build executor that builds nothing but behaves by rule: it publishes phase events, fails the origins named
/// in <see cref="Failing"/> in the <c>build</c> phase with a log excerpt, waits for cancellation on the origins named in
/// <see cref="Hanging"/>, and otherwise writes a real pkg(8) package named by the port's PKGFILE into
/// <see cref="RepositoryDirectory"/>. It is its own factory; each run gets this instance, and disposing it (the run's
/// teardown) is counted.
/// </summary>
public sealed class FakePortBuildExecutor : IPortBuildExecutor, IPortBuildExecutorFactory, IAsyncDisposable
{
    private IBuildEventSink? _events;
    private int _running;

    /// <summary>Where packages are written; null writes none.</summary>
    public string? RepositoryDirectory { get; init; }

    /// <summary>Origins whose build fails.</summary>
    public IReadOnlySet<string> Failing { get; init; } = new HashSet<string>();

    /// <summary>The message of a failed build.</summary>
    public string FailureMessage { get; init; } = "make exited with status 1";

    /// <summary>Origins whose build runs until it is cancelled.</summary>
    public IReadOnlySet<string> Hanging { get; init; } = new HashSet<string>();

    /// <summary>How long each build takes.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Ports handed to the executor, in order.</summary>
    public ConcurrentQueue<PortBuildRequest> Requests { get; } = new();

    /// <summary>Ports whose build saw the cancellation.</summary>
    public ConcurrentQueue<string> Cancelled { get; } = new();

    /// <summary>Completes when a hanging port has started.</summary>
    public TaskCompletionSource HangingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The contexts the runs created this executor with.</summary>
    public List<PortBuildRunContext> Contexts { get; } = [];

    /// <summary>How many times a run disposed it (tore its slots down).</summary>
    public int Disposed { get; private set; }

    /// <summary>Builds still running when it was disposed (should be 0: a run tears down after the builds end).</summary>
    public int RunningAtDispose { get; private set; }

    /// <inheritdoc />
    public ValueTask<IPortBuildExecutor> CreateAsync(PortBuildRunContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        Contexts.Add(context);
        _events = context.Events;
        return ValueTask.FromResult<IPortBuildExecutor>(this);
    }

    /// <inheritdoc />
    public async ValueTask<PortBuildOutcome> BuildAsync(PortBuildRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _running);
        try
        {
            Requests.Enqueue(request);
            var port = request.Node.Id.ToString();
            var origin = request.Node.Id.Origin;
            var phases = ImmutableArray.CreateBuilder<PhaseTiming>();
            foreach (var phase in new[] { "install-pkgs", "build", "package" })
            {
                _events?.Publish(new PortPhaseEvent(DateTimeOffset.UtcNow, port, request.Slot, phase));
                phases.Add(new PhaseTiming(phase, Delay));
                if (phase == "build")
                {
                    if (Hanging.Contains(origin))
                    {
                        HangingStarted.TrySetResult();
                        try
                        {
                            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            Cancelled.Enqueue(port);
                            throw;
                        }
                    }

                    await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
                    if (Failing.Contains(origin))
                    {
                        return new PortBuildOutcome(false, "build", FailureMessage)
                        {
                            LogExcerpt = $"cc -o {origin} main.c\nmain.c:3: error: expected ';'\n*** Error code 1",
                            Phases = phases.ToImmutable(),
                            Duration = Delay,
                        };
                    }
                }
            }

            var file = request.Node.Metadata!.PackageFile;
            if (RepositoryDirectory is not null)
            {
                await WritePackageAsync(request, Path.Combine(RepositoryDirectory, file), cancellationToken).ConfigureAwait(false);
            }

            return new PortBuildOutcome(true) { PackageFile = file, Phases = phases.ToImmutable(), Duration = Delay * 3 };
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Disposed++;
        RunningAtDispose = Volatile.Read(ref _running);
        return ValueTask.CompletedTask;
    }

    private static async Task WritePackageAsync(PortBuildRequest request, string path, CancellationToken cancellationToken)
    {
        var metadata = request.Node.Metadata!;
        var name = Path.GetFileNameWithoutExtension(metadata.PackageFile);
        var dash = name.LastIndexOf('-');
        name = dash > 0 ? name[..dash] : name;
        var stage = Directory.CreateTempSubdirectory("fake-stage-");
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(stage.FullName, "usr/local/bin"));
            await File.WriteAllTextAsync(Path.Combine(bin.FullName, name), $"#!/bin/sh\necho {name}\n", cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var manifest = new PackageManifest
            {
                Name = name,
                Origin = request.Node.Id.Origin,
                Version = metadata.Version,
                Comment = "built by the fake executor",
                Prefix = "/usr/local",
                Arch = "FreeBSD:14:amd64",
                Abi = "FreeBSD:14:amd64",
            };
            await PackageWriter.WriteAsync(stage.FullName, manifest, path, new PackageWriterOptions { CompressionLevel = 1 }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            stage.Delete(recursive: true);
        }
    }
}
