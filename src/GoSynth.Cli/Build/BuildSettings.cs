namespace GoSynth.Cli.Build;

/// <summary>The parsed command line of a build directive.</summary>
internal sealed class BuildSettings
{
    public required string Directive { get; init; }

    public IReadOnlyList<string> Ports { get; init; } = [];

    public string? ConfigDirectory { get; init; }

    public bool Yes { get; init; }

    /// <summary>
    /// <c>-S</c>: the line view (<see cref="BuildLinePrinter"/>). It is the only view there is, so a build prints the
    /// same lines with or without it.
    /// </summary>
    public bool Plain { get; init; }

    public bool Force { get; init; }

    public bool JustBuild { get; init; }
}
