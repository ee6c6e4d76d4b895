namespace GoSynth.Testing;

/// <summary>What <see cref="PortsTreeGenerator"/> makes. The defaults give a deterministic 500-port tree.</summary>
public sealed class PortsTreeGeneratorOptions
{
    /// <summary>The default seed: the same options always give the same tree.</summary>
    public const int DefaultSeed = 20_240_217;

    /// <summary>Number of ports, <c>ports-mgmt/pkg</c> included (1 to 100,000).</summary>
    public int PortCount { get; set; } = 500;

    /// <summary>Seed of the pseudo-random choices.</summary>
    public int Seed { get; set; } = DefaultSeed;

    /// <summary>Number of categories the ports are spread over (besides <c>ports-mgmt</c>).</summary>
    public int CategoryCount { get; set; } = 40;

    /// <summary>Most dependencies one port declares (typical ports declare 0 to 8).</summary>
    public int MaxDependencies { get; set; } = 8;

    /// <summary>Fraction of ports with two or three FLAVORS (at least one such port when there are 20 or more ports).</summary>
    public double FlavoredFraction { get; set; } = 0.02;

    /// <summary>Fraction of meta ports (<c>USES=metaport</c>, RUN dependencies only, no distfiles).</summary>
    public double MetaFraction { get; set; } = 0.01;

    /// <summary>Fraction of IGNOREd ports.</summary>
    public double IgnoredFraction { get; set; } = 0.01;

    /// <summary>Adds a two-port dependency cycle (<see cref="GeneratedPortsTree.Cycle"/> names it).</summary>
    public bool AddCycle { get; set; }

    /// <summary>Number of ports given one extra BUILD dependency on an origin that does not exist.</summary>
    public int MissingDependencyCount { get; set; }

    /// <summary>
    /// False to compute the tree without writing a file (for graph tests and benchmarks that need only
    /// the summary); <see cref="GeneratedPortsTree.Directory"/> is then not created.
    /// </summary>
    public bool WriteFiles { get; set; } = true;

    /// <summary>
    /// True to make a tree that also builds: each port with distfiles gets a real <c>distfiles/&lt;name&gt;-&lt;version&gt;.tar.gz</c>
    /// (a reproducible archive holding a tiny Makefile and a text file), a distinfo with that archive's real SHA256 and
    /// SIZE, and a Makefile whose build writes one small file and whose packing list names it
    /// (<c>share/generated/${PKGBASE}.txt</c>, so every flavor's package is distinct). Each port's own make work is a
    /// <c>sed</c> and a <c>cp</c>, so building the tree measures the builder's orchestration. Default false: the same
    /// graph, with placeholder distinfo and no archive (the scan-only tree). A buildable tree writes every dependency on
    /// a flavored port with its flavor (<c>@default</c> where the plain tree names none): the sample framework's
    /// packaging cannot ask a flavored dependency without one for its package name. The graph is the same.
    /// </summary>
    public bool Buildable { get; set; }

    /// <summary>The framework copied to <c>Mk/</c>; defaults to the sample tree's.</summary>
    public string? FrameworkDirectory { get; set; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (PortCount is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(PortCount), PortCount, "PortCount must be between 1 and 100,000.");
        }

        if (CategoryCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CategoryCount), CategoryCount, "CategoryCount must be at least 1.");
        }

        if (MaxDependencies < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDependencies), MaxDependencies, "MaxDependencies cannot be negative.");
        }

        if (MissingDependencyCount < 0 || MissingDependencyCount > PortCount - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MissingDependencyCount), MissingDependencyCount, "MissingDependencyCount must be between 0 and PortCount - 1.");
        }

        if (AddCycle && PortCount < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(PortCount), PortCount, "A cycle needs at least 3 ports.");
        }

        foreach (var (name, value) in new[] { (nameof(FlavoredFraction), FlavoredFraction), (nameof(MetaFraction), MetaFraction), (nameof(IgnoredFraction), IgnoredFraction) })
        {
            if (value is < 0 or > 0.5)
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be between 0 and 0.5.");
            }
        }
    }
}
