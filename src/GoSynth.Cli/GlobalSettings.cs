namespace GoSynth.Cli;

/// <summary>The global flags of one invocation that change what GoSynth does.</summary>
internal sealed record GlobalSettings
{
    /// <summary><c>-d</c>: debug logging and full exceptions.</summary>
    public bool Debug { get; init; }

    /// <summary><c>-p</c> (or <c>DSYNTH_PROFILE</c>): the dsynth.ini profile to use; null for profile_selected.</summary>
    public string? Profile { get; init; }

    /// <summary><c>-s</c>: the builders the throttle starts with (0: all); null for one.</summary>
    public int? SlowStart { get; init; }

    /// <summary><c>-y</c>: answer yes to every question.</summary>
    public bool Yes { get; init; }

    /// <summary><c>-P</c>: run check-plist.</summary>
    public bool CheckPlist { get; init; }

    /// <summary><c>-D</c>: DEVELOPER=yes and check-plist.</summary>
    public bool Development { get; init; }

    /// <summary><c>-S</c>: the plain line view.</summary>
    public bool Plain { get; init; }

    /// <summary><c>-C</c>: the directory holding dsynth.ini; null searches /etc/dsynth and /usr/local/etc/dsynth.</summary>
    public string? ConfigDirectory { get; init; }
}
