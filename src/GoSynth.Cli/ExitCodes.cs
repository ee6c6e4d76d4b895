namespace GoSynth.Cli;

/// <summary>Process exit codes of <c>gosynth</c>, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The work ran but something in it failed (a failed port, a corrupt package found by verify, a named port that cannot be evaluated).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: a bad port spec, option, configuration line, or a dependency cycle.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by the user.</summary>
    public const int Cancelled = 130;
}
