namespace GoSynth.Cli.Build;

/// <summary>The parsed command line of a build directive.</summary>
internal sealed class BuildSettings
{
    public required string Directive { get; init; }

    public IReadOnlyList<string> Ports { get; init; } = [];

    public string? ConfigDirectory { get; init; }

    public bool Yes { get; init; }

    public bool Plain { get; init; }

    public bool Force { get; init; }

    public bool JustBuild { get; init; }
}
