using GoSynth.Environment.Processes;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>A fake make: answers each spec with the lines a function gives, without starting a process.</summary>
internal sealed class ScriptedProcessRunner(Func<ProcessSpec, (int ExitCode, string[] Lines, string StandardError)> answer) : IProcessRunner
{
    private int _calls;

    public int Calls => _calls;

    public Task<ProcessResult> RunAsync(ProcessSpec spec, IProcessOutputSink? output = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        var (exit, lines, stderr) = answer(spec);
        foreach (var line in lines)
        {
            output?.OnLine(ProcessStream.StandardOutput, line);
        }

        if (stderr.Length > 0)
        {
            output?.OnLine(ProcessStream.StandardError, stderr);
        }

        return Task.FromResult(new ProcessResult(ProcessOutcome.Exited, exit, TimeSpan.Zero));
    }

    /// <summary>
    /// The 19 answer lines of a metadata query: version, package file, the six dependency variables, FLAVORS, USES
    /// (dsynth's 17), then FLAVOR and PKG_ORIGIN.
    /// </summary>
    public static string[] Answer(
        string version, string pkgfile, string run = "", string build = "", string flavors = "", string uses = "", string ignore = "", string lib = "",
        string flavor = "", string pkgOrigin = "ports-mgmt/pkg") =>
        [version, pkgfile, "", "", "4", ignore, "", "", "", build, lib, run, "", "", "", flavors, uses, flavor, pkgOrigin];

    /// <summary>The origin of a make call (the last two components of <c>-C dir</c>, also when run through the target view).</summary>
    public static string OriginOf(ProcessSpec spec)
    {
        var args = spec.Arguments.ToList();
        var parts = args[args.IndexOf("-C") + 1].Split('/');
        return parts[^2] + "/" + parts[^1];
    }

    public static string? FlavorOf(ProcessSpec spec) =>
        spec.Arguments.FirstOrDefault(a => a.StartsWith("FLAVOR=", StringComparison.Ordinal))?["FLAVOR=".Length..];
}
