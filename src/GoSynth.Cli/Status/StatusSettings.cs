namespace GoSynth.Cli.Status;

/// <summary>The options of <c>gosynth status</c> as given on the command line.</summary>
internal sealed record StatusSettings
{
    public IReadOnlyList<string> Ports { get; init; } = [];

    public bool Json { get; init; }

    public string? PortsDirectory { get; init; }

    public string? Profile { get; init; }

    public string? OsVersion { get; init; }

    public string? Architecture { get; init; }

    public string? MakeProgram { get; init; }

    public string? CacheDirectory { get; init; }

    public string? MakeConfFile { get; init; }

    public bool NoCache { get; init; }
}
