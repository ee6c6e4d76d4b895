using System.Collections.Immutable;
using System.Globalization;
using GoSynth.Environment.Processes;

#pragma warning disable CA1050 // the runtime finds a startup hook only as a type named StartupHook in no namespace

/// <summary>
/// Turns this test assembly into a small child program when <see cref="ViewSpawnChild.Variable"/> is set: started with
/// <c>DOTNET_STARTUP_HOOKS</c> naming this assembly, the runtime calls <see cref="Initialize"/> before the test
/// runner's entry point; it runs <see cref="ViewSpawnChild.Run"/> and ends the process with its exit code. Without the
/// variable it does nothing.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (System.Environment.GetEnvironmentVariable(GoSynth.Environment.Tests.Processes.ViewSpawnChild.Variable) is { Length: > 0 } spawns)
        {
            System.Environment.Exit(GoSynth.Environment.Tests.Processes.ViewSpawnChild.Run(int.Parse(spawns, CultureInfo.InvariantCulture)));
        }
    }
}

#pragma warning restore CA1050

namespace GoSynth.Environment.Tests.Processes
{
    /// <summary>
    /// The child's work: a holder process with its own mount and PID namespaces and a view root, joined with the PID
    /// namespace, then many spawns into it, each of which must see the view. Prints one result line; exit 0 when every
    /// spawn saw the view, 1 otherwise (an abort of the runtime ends it with SIGABRT instead).
    /// </summary>
    internal static class ViewSpawnChild
    {
        /// <summary>The variable that makes the test assembly run this instead of its tests: the number of spawns.</summary>
        public const string Variable = "GOSYNTH_TEST_VIEW_SPAWNS";

        private static readonly ImmutableDictionary<string, string> s_path =
            ImmutableDictionary<string, string>.Empty.Add("PATH", "/usr/bin:/bin");

        public static int Run(int spawns)
        {
            try
            {
                return RunAsync(spawns).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                Console.Out.WriteLine("failed: " + ex);
                return 1;
            }
        }

        private static async Task<int> RunAsync(int spawns)
        {
            var runner = new ProcessRunner();
            var work = Directory.CreateTempSubdirectory("gosynth-view-spawn-");
            try
            {
                var root = Path.Combine(work.FullName, "root");
                Directory.CreateDirectory(root);
                var script = $$"""
                    set -eu
                    # $$ is 1 in the new PID namespace; the host's /proc, still mounted here, names the shell's host pid.
                    R='{{root}}'
                    mount -t tmpfs view "$R"
                    for d in /usr /bin /sbin /lib /lib32 /lib64 /etc; do
                      if [ -L "$d" ]; then ln -s "$(readlink "$d")" "$R$d"
                      elif [ -d "$d" ]; then mkdir "$R$d"; mount --rbind "$d" "$R$d"
                      fi
                    done
                    echo in-the-view > "$R/marker"
                    mkdir "$R/dev"
                    : > "$R/dev/null"
                    mount --bind /dev/null "$R/dev/null"
                    read -r H _ < /proc/self/stat
                    echo ready $H
                    while [ -e /proc/{{System.Environment.ProcessId}} ]; do sleep 1; done
                    """;
                var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                using var stop = new CancellationTokenSource();
                var holder = runner.RunAsync(
                    new ProcessSpec("/usr/bin/unshare", ["--mount", "--pid", "--fork", "--propagation", "private", "/bin/sh", "-c", script]) { Environment = s_path },
                    new ReadySink(ready),
                    stop.Token);
                if (await Task.WhenAny(ready.Task, holder, Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
                {
                    Console.Out.WriteLine("failed: the view's holder did not start");
                    return 1;
                }

                using var view = await MountNamespace.JoinAsync(await ready.Task, root, 2, pidNamespace: true, CancellationToken.None);
                var wrong = 0;
                for (var round = 0; round < spawns / 20; round++)
                {
                    var runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
                    {
                        var sink = new CapturingOutputSink();
                        var result = await runner.RunAsync(new ProcessSpec("cat", ["/marker"]) { Environment = s_path, MountNamespace = view }, sink);
                        return result.Succeeded && sink.StandardOutputLines.SequenceEqual(["in-the-view"]);
                    }));
                    wrong += runs.Count(ok => !ok);

                    // Idle long enough for the tiering worker to time out, so that a later call-count threshold starts it again.
                    Thread.Sleep(2);
                }

                await stop.CancelAsync();
                try
                {
                    await holder;
                }
                catch (OperationCanceledException)
                {
                    // The holder ends by cancellation.
                }

                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"spawned {spawns / 20 * 20}, wrong {wrong}"));
                return wrong == 0 ? 0 : 1;
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }

        private sealed class ReadySink(TaskCompletionSource<int> ready) : IProcessOutputSink
        {
            public void OnLine(ProcessStream stream, string line)
            {
                if (stream == ProcessStream.StandardOutput && line.StartsWith("ready ", StringComparison.Ordinal))
                {
                    ready.TrySetResult(int.Parse(line.AsSpan(6), CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
