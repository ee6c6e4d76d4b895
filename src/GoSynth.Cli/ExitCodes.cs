namespace GoSynth.Cli;

/// <summary>
/// Process exit codes of <c>gosynth</c>: one table, documented in docs/cli.md. Usage and configuration errors print
/// one line on standard error; nothing was started.
/// </summary>
internal static class ExitCodes
{
    /// <summary>0: success.</summary>
    public const int Success = 0;

    /// <summary>1: the work ran but something in it failed (a port failed, verify found a corrupt package, a named port
    /// cannot be evaluated, a file could not be written).</summary>
    public const int Failure = 1;

    /// <summary>2: a usage error: unknown directive or option, a bad option value, a missing argument, a bad port
    /// spec, a question that cannot be asked (standard input is not a terminal and <c>-y</c> was not given).</summary>
    public const int Usage = 2;

    /// <summary>3: a configuration error: no dsynth.ini, a bad line in it, a directory it names that is missing or
    /// unreadable (the ports tree), a make program that cannot be started.</summary>
    public const int Configuration = 3;

    /// <summary>4: another build holds the run lock of this configuration (its build database); nothing was touched.</summary>
    public const int AnotherBuildRunning = 4;

    /// <summary>130: interrupted (Ctrl+C or SIGTERM), as a shell reports a process ended by SIGINT.</summary>
    public const int Interrupted = 130;
}
