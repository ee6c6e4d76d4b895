namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>One make call of the scan: a port directory and the <c>FLAVOR=</c> argument (null for none).</summary>
internal readonly record struct QueryKey(string Origin, string? Flavor)
{
    public override string ToString() => Flavor is null ? Origin : Origin + "@" + Flavor;
}
