using System.Globalization;
using GoSynth.Environment.Files;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles.Internal;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// The target's view of the file system for one scan (a FreeBSD tree evaluated on Linux): a private mount namespace
/// whose root shows the target's base system entries (<see cref="TargetBaseSystem"/>) plus what make and its shell
/// need, so that the framework's <c>exists()</c> and shell probes see the target, not the host. One holder process
/// keeps the namespace for the scan, started by the first make call (a scan served from the cache starts none). A few
/// spawning threads of this process (<see cref="MountNamespace"/>, one per processor: <see cref="SpawnThreads"/>) stay
/// on the host and cross into the view only around each spawn, so every query starts straight in the view and its PID
/// namespace, with no exec in front of make and as many spawns at once as on the host; where that is refused, each
/// query enters with <c>nsenter --target PID --mount --pid -- chroot VIEW</c> instead. When the view cannot be set
/// up, the scan goes on without it, with one warning.
/// </summary>
internal sealed class TargetView : IAsyncDisposable
{
    /// <summary>Tools a make and its shell run at parse time, at their paths on the BSDs (found on the host by name).</summary>
    private static readonly (string Target, string Name)[] Tools =
    [
        ("/bin/sh", "sh"), ("/bin/cat", "cat"), ("/bin/echo", "echo"), ("/bin/expr", "expr"), ("/bin/ls", "ls"),
        ("/bin/mkdir", "mkdir"), ("/bin/rm", "rm"), ("/bin/sleep", "sleep"), ("/bin/test", "test"), ("/bin/[", "["),
        ("/usr/bin/awk", "awk"), ("/usr/bin/basename", "basename"), ("/usr/bin/cut", "cut"), ("/usr/bin/dirname", "dirname"),
        ("/usr/bin/env", "env"), ("/usr/bin/false", "false"), ("/usr/bin/find", "find"), ("/usr/bin/getconf", "getconf"),
        ("/usr/bin/grep", "grep"), ("/usr/bin/head", "head"), ("/usr/bin/id", "id"), ("/usr/bin/nproc", "nproc"),
        ("/usr/bin/printf", "printf"), ("/usr/bin/sed", "sed"), ("/usr/bin/sort", "sort"), ("/usr/bin/tail", "tail"),
        ("/usr/bin/tr", "tr"), ("/usr/bin/true", "true"), ("/usr/bin/uname", "uname"), ("/usr/bin/uniq", "uniq"),
        ("/usr/bin/wc", "wc"), ("/usr/bin/xargs", "xargs"), ("/usr/bin/cc", "cc"), ("/usr/bin/c++", "c++"), ("/usr/bin/cpp", "cpp"),
    ];

    /// <summary>
    /// How many threads spawn into the view: one per processor. A spawn holds its thread only until the child has executed
    /// make, which is processor work, so more threads than processors would not start more queries at once; a scan
    /// with less parallelism leaves some of them idle.
    /// </summary>
    internal static readonly int SpawnThreads = Math.Clamp(System.Environment.ProcessorCount, 1, 64);

    private readonly IProcessRunner _runner;
    private readonly TargetBaseSystem _baseSystem;
    private readonly string _workDirectory;
    private readonly ILogger _logger;
    private readonly string _profileName;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task<Entry?>? _started;
    private Task? _holder;
    private MountNamespace? _joined;

    /// <summary>A view of <paramref name="baseSystem"/> for the profile <paramref name="profileName"/>; nothing runs until the first <see cref="WrapAsync"/>.</summary>
    /// <param name="runner">Runs the holder process.</param>
    /// <param name="baseSystem">What the target's base system holds.</param>
    /// <param name="workDirectory">The scan's private work directory (the view is mounted on a directory in it).</param>
    /// <param name="logger">Told once that the view started, or why it could not (the scan then runs on the host).</param>
    /// <param name="profileName">The profile, for the log.</param>
    public TargetView(IProcessRunner runner, TargetBaseSystem baseSystem, string workDirectory, ILogger logger, string profileName)
    {
        _runner = runner;
        _baseSystem = baseSystem;
        _workDirectory = workDirectory;
        _logger = logger;
        _profileName = profileName;
    }

    /// <summary>The base system list the view shows.</summary>
    public TargetBaseSystem BaseSystem => _baseSystem;

    /// <summary>
    /// The same command run inside the view (its mount namespace, root and working directory), starting the view on
    /// first use; the command unchanged when the view could not be set up.
    /// </summary>
    public async ValueTask<ProcessSpec> WrapAsync(ScanContext context, ProcessSpec spec, CancellationToken cancellationToken)
    {
        Task<Entry?> started;
        lock (_lock)
        {
            started = _started ??= StartAsync(context);
        }

        var entry = await started.WaitAsync(cancellationToken).ConfigureAwait(false);
        return entry switch
        {
            null => spec,
            { Namespace: { } joined } => spec with { MountNamespace = joined },
            _ => Wrap(spec, entry),
        };
    }

    /// <summary>Why a view cannot be made here, or null when it can (Linux, root, unshare, nsenter, ldd, a base list).</summary>
    public static string? Unavailable(TargetBaseSystem? baseSystem, string searchPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the target view needs Linux mount namespaces";
        }

        if (baseSystem is null)
        {
            return "GoSynth has no base system list for this target";
        }

        if (!System.Environment.IsPrivilegedProcess)
        {
            return "it needs root (mounts in a private namespace)";
        }

        foreach (var tool in new[] { "unshare", "nsenter", "ldd", "chroot" })
        {
            if (Find(tool, searchPath) is null)
            {
                return tool + " is not installed (util-linux, libc-bin, coreutils)";
            }
        }

        return null;
    }

    /// <summary>Builds the view and waits until it is ready; null (after one warning) when it cannot be set up.</summary>
    private async Task<Entry?> StartAsync(ScanContext context)
    {
        try
        {
            var root = PrivateDirectory.Ensure(Path.Combine(_workDirectory, "target-view"));
            var pid = await StartHolderAsync(context, root).ConfigureAwait(false);
            Log.TargetViewStarted(_logger, _profileName, _baseSystem.Name, pid);
            return new Entry(pid, root, await JoinAsync(pid, root).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or ProcessStartException)
        {
            Log.TargetViewUnavailable(_logger, _profileName, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The view, with <see cref="SpawnThreads"/> threads of this process that spawn every query straight into it; null (the
    /// queries then go through nsenter, one exec more each) when this kernel or process does not allow entering it.
    /// </summary>
    private async Task<MountNamespace?> JoinAsync(int pid, string root)
    {
        try
        {
            var joined = await MountNamespace.JoinAsync(pid, root, SpawnThreads, pidNamespace: true, _stop.Token).ConfigureAwait(false);
            lock (_lock)
            {
                if (_stop.IsCancellationRequested)
                {
                    // The view was disposed while the thread joined it: let the thread go at once.
                    joined.Dispose();
                    return null;
                }

                _joined = joined;
            }

            return joined;
        }
        catch (IOException ex)
        {
            Log.TargetViewJoinFailed(_logger, _profileName, ex.Message);
            return null;
        }
    }

    private async Task<int> StartHolderAsync(ScanContext context, string root)
    {
        var baseSystem = _baseSystem;
        var searchPath = context.BaseEnvironment.GetValueOrDefault("PATH") ?? "/usr/bin:/bin";
        var binds = new List<(string Host, string Target)>();
        var programs = new List<string>();
        var make = Find(context.MakeProgram, searchPath) ?? throw new ProcessStartException(context.MakeProgram, "not found in " + searchPath);
        binds.Add((make, make));
        programs.Add(make);
        if (baseSystem.Entries.Any(e => e.Path == "/usr/bin/make" && e.Kind == TargetBaseSystem.Kind.File) && make != "/usr/bin/make")
        {
            binds.Add((make, "/usr/bin/make"));
        }

        var absent = baseSystem.Entries.Where(e => e.Kind == TargetBaseSystem.Kind.Absent).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var (target, name) in Tools)
        {
            if (!absent.Contains(target) && Find(name, searchPath) is { } host && binds.All(b => b.Target != target))
            {
                binds.Add((host, target));
                programs.Add(host);
            }
        }

        binds.Add((context.PortsDirectory, context.PortsDirectory));
        if (context.RealPortsDirectory.Length > 0 && context.RealPortsDirectory != context.PortsDirectory)
        {
            binds.Add((context.RealPortsDirectory, context.RealPortsDirectory));
        }

        foreach (var name in new[] { "MAKESYSPATH", "__MAKE_CONF" })
        {
            if (context.BaseEnvironment.GetValueOrDefault(name) is { } path && path != "/dev/null" && Path.IsPathFullyQualified(path))
            {
                binds.Add((path, path));
            }
        }

        const string LoaderCache = "/etc/ld.so.cache";
        if (File.Exists(LoaderCache))
        {
            binds.Add((LoaderCache, LoaderCache));
        }

        // One fstab per view: scans running at the same time (two gosynth processes, parallel scans in one process)
        // share the work directory, and a shared name let one view mount the other's binds.
        var fstab = Path.Combine(_workDirectory, string.Create(CultureInfo.InvariantCulture, $"target-view-{System.Environment.ProcessId}-{Guid.NewGuid():N}.fstab"));
        var script = TargetViewScript.Build(
            root,
            fstab,
            System.Environment.ProcessId,
            [.. binds.Select(b => new TargetViewScript.Bind(b.Host, b.Target, Directory.Exists(b.Host)))],
            programs.Distinct(StringComparer.Ordinal).ToList(),
            ElfInterpreter.Of(make),
            [context.LocalBase],
            baseSystem);
        var spec = new ProcessSpec("unshare", ["--mount", "--pid", "--fork", "--propagation", "private", "/bin/sh", "-c", script])
        {
            Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = searchPath + ":/usr/sbin:/sbin" },
        };
        var sink = new ReadySink();
        var holder = _runner.RunAsync(spec, sink, _stop.Token);
        lock (_lock)
        {
            _holder = holder;
        }

        var ready = await Task.WhenAny(sink.Ready, holder, Task.Delay(TimeSpan.FromSeconds(30), _stop.Token)).ConfigureAwait(false);
        DeleteQuietly(fstab); // read by the holder's mount before it says it is ready, or not needed after a failure
        if (ready == sink.Ready)
        {
            return await sink.Ready.ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Observe(holder).ConfigureAwait(false);
        throw new IOException("the target view could not be set up: " + sink.Output.Trim());
    }

    /// <summary>The fallback: nsenter joins the holder's namespaces, chroot enters the view (the holder itself is not chrooted).</summary>
    private static ProcessSpec Wrap(ProcessSpec spec, Entry entry) => spec with
    {
        FileName = "nsenter",
        Arguments =
        [
            "--target", entry.HolderPid.ToString(CultureInfo.InvariantCulture), "--mount", "--pid", "--",
            Find("chroot", "/usr/sbin:/sbin") ?? "chroot", entry.Root, spec.FileName, .. spec.Arguments,
        ],
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task? holder;
        lock (_lock)
        {
            holder = _holder;
            _joined?.Dispose();
        }

        if (holder is not null)
        {
            await Observe(holder).ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private static void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover fstab in the private work directory is harmless: the next view uses a new name.
        }
    }

    private static async Task Observe(Task holder)
    {
        try
        {
            await holder.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ProcessStartException or IOException)
        {
            // The holder is stopped by cancellation; its end is expected.
        }
    }

    private static string? Find(string program, string searchPath)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        return (searchPath + ":/usr/sbin:/sbin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The started view: its holder process, and the joined namespace when queries can be spawned into it directly.</summary>
    private sealed record Entry(int HolderPid, string Root, MountNamespace? Namespace);

    private sealed class ReadySink : IProcessOutputSink
    {
        private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly System.Text.StringBuilder _output = new();

        public Task<int> Ready => _ready.Task;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void OnLine(ProcessStream stream, string line)
        {
            if (stream == ProcessStream.StandardOutput && line.StartsWith(TargetViewScript.ReadyPrefix, StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(TargetViewScript.ReadyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                _ready.TrySetResult(pid);
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
