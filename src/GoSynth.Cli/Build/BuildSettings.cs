using GoSynth.Builder.Running;

namespace GoSynth.Cli.Build;

/// <summary>The parsed command line of a build directive.</summary>
internal sealed record BuildSettings
{
    public required string Directive { get; init; }

    /// <summary>The ports; empty or <c>everything</c> for the whole tree.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    /// <summary><c>-S</c>: the plain line view (<see cref="BuildLinePrinter"/>) instead of the live view.</summary>
    public bool Plain { get; init; }

    /// <summary>Rebuild the named ports whatever their state (<c>force</c>, <c>test</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Do not rebuild the repository catalog afterwards (<c>just-build</c>, <c>test</c>).</summary>
    public bool JustBuild { get; init; }

    /// <summary>Developer mode for this run (<c>test</c>, as <c>-D</c>): DEVELOPER=yes and check-plist.</summary>
    public bool Development { get; init; }

    /// <summary>What the run does (<c>test</c>: <see cref="BuildRunMode.Test"/>); a build by default.</summary>
    public BuildRunMode Mode { get; init; }

    /// <summary>Install the requested ports' packages on this host afterwards (<c>install</c>).</summary>
    public bool Install { get; init; }
}
