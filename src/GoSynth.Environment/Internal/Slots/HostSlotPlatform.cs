using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>
/// No isolation: the slot is a plain directory with the slot layout; <c>/xports</c>, <c>/distfiles</c>,
/// <c>/packages</c>, <c>/options</c> and <c>/ccache</c> map to the configured host directories, every other slot
/// path to the same path below the slot directory. Commands run on the host with exactly their environment, in the
/// mapped working directory, and the runner kills their process group on a limit.
/// </summary>
internal sealed class HostSlotPlatform : ISlotPlatform
{
    private static readonly string[] s_layout = ["construction", "usr/local", "tmp", "var/tmp", "var/db/pkg", "etc", "root"];

    public SlotBackend Backend => SlotBackend.Host;

    public static IEnumerable<(string Inside, string Host)> SharedDirectories(SlotOptions options)
    {
        yield return ("/xports", options.PortsDirectory);
        yield return ("/distfiles", options.DistfilesDirectory);
        yield return ("/packages", options.PackagesDirectory);
        yield return ("/options", options.OptionsDirectory);
        if (options.CCacheDirectory is not null)
        {
            yield return ("/ccache", options.CCacheDirectory);
        }
    }

    public IReadOnlyList<MountSpec> Plan(SlotOptions options) => [];

    public void PrepareRoot(string root, SlotOptions options)
    {
        foreach (var dir in s_layout)
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }
    }

    public Task MountAsync(string root, MountSpec mount, CancellationToken cancellationToken) =>
        throw new SlotException("the host backend mounts nothing");

    public Task<string?> UnmountAsync(string mountPoint, CancellationToken cancellationToken) =>
        Task.FromResult<string?>($"the host backend does not unmount {mountPoint}");

    public async Task<IReadOnlyList<string>> ListMountPointsAsync(CancellationToken cancellationToken) =>
        File.Exists("/proc/self/mountinfo")
            ? MountInfo.ParseLinux(await File.ReadAllTextAsync("/proc/self/mountinfo", cancellationToken).ConfigureAwait(false))
            : [];

    public ProcessSpec Wrap(string root, SlotCommand command, SlotOptions options, Func<string, string> mapToHost)
    {
        var workingDirectory = mapToHost(command.WorkingDirectory);
        Directory.CreateDirectory(workingDirectory);
        return new ProcessSpec(command.FileName, command.Arguments)
        {
            Environment = command.Environment,
            WorkingDirectory = workingDirectory,
            Timeout = command.Timeout,
            NoOutputTimeout = command.NoOutputTimeout,
        };
    }

    public Task<bool> KillProcessesAsync(string root, CancellationToken cancellationToken) => Task.FromResult(true);

    public async Task RemoveTreeAsync(string directory, CancellationToken cancellationToken) =>
        SafeTree.Delete(directory, await ListMountPointsAsync(cancellationToken).ConfigureAwait(false));
}
