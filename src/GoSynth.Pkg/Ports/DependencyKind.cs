namespace GoSynth.Pkg.Ports;

/// <summary>
/// The six dependency kinds of a port, one per <c>*_DEPENDS</c> variable. The numeric values are dsynth's.
/// </summary>
public enum DependencyKind
{
    /// <summary><c>FETCH_DEPENDS</c>: needed to fetch the distfiles.</summary>
    Fetch = 1,

    /// <summary><c>EXTRACT_DEPENDS</c>: needed to extract the distfiles.</summary>
    Extract = 2,

    /// <summary><c>PATCH_DEPENDS</c>: needed to patch the sources.</summary>
    Patch = 3,

    /// <summary><c>BUILD_DEPENDS</c>: needed to configure and build.</summary>
    Build = 4,

    /// <summary><c>LIB_DEPENDS</c>: a shared library linked at build time and needed at run time.</summary>
    Lib = 5,

    /// <summary><c>RUN_DEPENDS</c>: needed when the package is installed.</summary>
    Run = 6,
}
