namespace GoSynth.Builder.Planning;

/// <summary>What a plan decides for one node of the graph.</summary>
public enum PlanAction
{
    /// <summary>The port is built in this run.</summary>
    Build,

    /// <summary>The existing package is current: nothing to do.</summary>
    UpToDate,

    /// <summary>The port sets IGNORE for this target.</summary>
    Ignored,

    /// <summary>The port is not built because of a dependency (ignored, missing, broken) or is not needed.</summary>
    Skipped,

    /// <summary>A meta port: only dependencies, nothing to compile.</summary>
    Meta,

    /// <summary>The port itself cannot be evaluated: not found in the tree, or its metadata is corrupt.</summary>
    Unbuildable,
}
