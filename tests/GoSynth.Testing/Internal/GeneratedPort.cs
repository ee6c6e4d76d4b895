namespace GoSynth.Testing.Internal;

/// <summary>One port of a generated tree, before it is written.</summary>
internal sealed class GeneratedPort
{
    public GeneratedPort(int index, string category, string name, string version, int revision)
    {
        Index = index;
        Category = category;
        Name = name;
        Version = version;
        Revision = revision;
    }

    public int Index { get; }

    public string Category { get; }

    public string Name { get; }

    public string Origin => Category + "/" + Name;

    public string Version { get; }

    public int Revision { get; }

    public List<string> Flavors { get; } = [];

    public bool IsMeta { get; set; }

    public bool IsIgnored { get; set; }

    public bool HasOptions { get; set; }

    public bool UsesLocalbase { get; set; }

    public List<GeneratedToken> Dependencies { get; } = [];

    public string DefaultNode => Flavors.Count == 0 ? Origin : Origin + "@" + Flavors[0];

    public IEnumerable<string> Nodes => Flavors.Count == 0 ? [Origin] : Flavors.Select(f => Origin + "@" + f);

    public bool DependsOn(GeneratedPort other) => Dependencies.Any(d => ReferenceEquals(d.Target, other));
}
