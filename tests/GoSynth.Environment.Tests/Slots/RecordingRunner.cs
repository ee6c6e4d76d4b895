using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>
/// Stands in for a FreeBSD host: records every command and keeps a mount table that mount_tmpfs, mount_nullfs,
/// mount and umount change and <c>mount -p</c> prints. Unmounting a mount point with mounts below it fails as the
/// kernel would (busy), and so does any mount point listed in <see cref="Busy"/>.
/// </summary>
internal sealed class RecordingRunner : IProcessRunner
{
    private readonly List<(string Source, string Target, string Type)> _table = [];

    public List<string> Commands { get; } = [];

    public List<ProcessSpec> Specs { get; } = [];

    public HashSet<string> Busy { get; } = [];

    public IReadOnlyList<string> MountPoints => [.. _table.Select(m => m.Target)];

    public Task<ProcessResult> RunAsync(ProcessSpec spec, IProcessOutputSink? output = null, CancellationToken cancellationToken = default)
    {
        Specs.Add(spec);
        var argv = spec.Arguments;
        Commands.Add(string.Join(' ', [spec.FileName, .. argv]));
        var code = 0;
        switch (spec.FileName)
        {
            case "mount" when argv is ["-p"]:
                foreach (var (source, mountPoint, type) in _table)
                {
                    output?.OnLine(ProcessStream.StandardOutput, $"{source}\t\t{mountPoint}\t{type}\trw\t0 0");
                }

                break;
            case "mount_tmpfs":
                _table.Add(("tmpfs", argv[^1], "tmpfs"));
                break;
            case "mount_nullfs":
                _table.Add((argv[^2], argv[^1], "nullfs"));
                break;
            case "mount":
                _table.Add((argv[^2], argv[^1], argv[1]));
                break;
            case "umount":
                var target = argv[^1];
                if (Busy.Contains(target) || _table.Any(m => m.Target.StartsWith(target + "/", StringComparison.Ordinal)))
                {
                    output?.OnLine(ProcessStream.StandardError, $"umount: unmount of {target} failed: Device busy");
                    code = 1;
                }
                else
                {
                    _table.RemoveAll(m => m.Target == target);
                }

                break;
            case "rm":
                if (Directory.Exists(argv[^1]))
                {
                    Directory.Delete(argv[^1], recursive: true);
                }

                break;
        }

        return Task.FromResult(new ProcessResult(ProcessOutcome.Exited, code, TimeSpan.Zero));
    }
}
