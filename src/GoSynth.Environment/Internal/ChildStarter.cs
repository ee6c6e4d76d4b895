using System.ComponentModel;
using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Internal;

/// <summary>
/// Starts the child of one run on the host: resolves the program, checks the working directory and spawns it (a run in
/// a view goes through <see cref="MountNamespace"/> instead).
/// </summary>
internal static class ChildStarter
{
    public static (int Pid, int StdoutFd, int StderrFd) Start(ProcessSpec spec, IReadOnlyList<string> argv)
    {
        var path = ExecutableResolver.Resolve(spec);
        if (spec.WorkingDirectory is not null && !Directory.Exists(spec.WorkingDirectory))
        {
            throw new ProcessStartException(spec.FileName, $"working directory '{spec.WorkingDirectory}' does not exist");
        }

        try
        {
            return NativeSpawner.Spawn(path, argv, spec.Environment, spec.WorkingDirectory);
        }
        catch (Win32Exception e)
        {
            throw new ProcessStartException(spec.FileName, $"{e.Message} (resolved to '{path}')", e);
        }
    }
}
