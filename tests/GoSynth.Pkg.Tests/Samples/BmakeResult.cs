namespace GoSynth.Pkg.Tests.Samples;

/// <summary>What one bmake run printed and returned.</summary>
internal sealed record BmakeResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout split into lines, without the final newline's empty element.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var text = Stdout.EndsWith('\n') ? Stdout[..^1] : Stdout;
            return text.Length == 0 && Stdout.Length == 0 ? [] : text.Split('\n');
        }
    }

    public override string ToString() => $"exit {ExitCode}; stdout:\n{Stdout}\nstderr:\n{Stderr}";
}
