namespace GoSynth.Builder.Planning;

/// <summary>Why a plan decided what it did, as a value a program can test; <see cref="PlannedPort.Reason"/> says it in words.</summary>
public enum PlanReasonKind
{
    /// <summary>Never built successfully before: "new port".</summary>
    NewPort,

    /// <summary>The user forced a rebuild: "forced".</summary>
    Forced,

    /// <summary>PKGVERSION differs from the last successful build: "version 1.2 → 1.3".</summary>
    VersionChanged,

    /// <summary>The package file the port makes now is not in the repository: "package file missing (foo-1.3.pkg)".</summary>
    PackageMissing,

    /// <summary>The port directory's fingerprint changed: "fingerprint changed (files/patch-foo.c)".</summary>
    FingerprintChanged,

    /// <summary>The last build recorded no fingerprint, or the port directory could not be read.</summary>
    FingerprintUnknown,

    /// <summary>SELECTED_OPTIONS differ from the last build: "options changed (+DOCS -X11)".</summary>
    OptionsChanged,

    /// <summary>The ports framework (<c>Mk/</c>) changed since the last build: "framework (Mk) changed".</summary>
    FrameworkChanged,

    /// <summary>The set of dependencies differs from the last build: "dependencies changed (+devel/bar)".</summary>
    DependenciesChanged,

    /// <summary>A dependency is rebuilt in this run: "depends on devel/foo, which is rebuilt".</summary>
    DependencyRebuilt,

    /// <summary>Nothing changed: "up to date".</summary>
    UpToDate,

    /// <summary>The port sets IGNORE: "IGNORE: …".</summary>
    Ignored,

    /// <summary>A dependency cannot be built: "depends on x, which is ignored: …".</summary>
    DependencyUnbuildable,

    /// <summary>The graph says the port is not to be built for another reason (e.g. not needed); the graph's text.</summary>
    NotBuilt,

    /// <summary>A meta port: "meta port".</summary>
    Meta,

    /// <summary>The port is not in the tree.</summary>
    NotFound,

    /// <summary>The port's metadata could not be read.</summary>
    Corrupt,
}
