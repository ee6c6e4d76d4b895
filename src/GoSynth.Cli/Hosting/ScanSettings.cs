namespace GoSynth.Cli.Hosting;

/// <summary>The scan overrides given on the command line (<see cref="ScanOptions"/>); null means the configuration's.</summary>
internal sealed record ScanSettings
{
    public string? PortsDirectory { get; init; }

    public string? Target { get; init; }

    public string? OsVersion { get; init; }

    public string? Architecture { get; init; }

    public string? MakeProgram { get; init; }

    public string? CacheDirectory { get; init; }

    public bool NoCache { get; init; }

    public string? MakeConfFile { get; init; }

    /// <summary>True when the target profile is named on the command line.</summary>
    public bool NamesTarget => Target is not null || OsVersion is not null || Architecture is not null;
}
