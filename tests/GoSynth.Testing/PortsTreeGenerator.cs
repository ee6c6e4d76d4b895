using System.Globalization;
using GoSynth.Testing.Internal;

namespace GoSynth.Testing;

/// <summary>
/// Writes a synthetic ports tree of many ports, evaluated by the sample tree's framework, with the shape
/// of a real tree: a DAG whose dependencies point to earlier ports only, heavy-tailed fan-in (a few ports
/// are needed by many, through preferential attachment), 0 to <see cref="PortsTreeGeneratorOptions.MaxDependencies"/>
/// dependencies per port, all six dependency kinds and every token form, a few flavored ports with
/// dependents of their non-default flavors, a few meta and IGNOREd ports, and optionally a cycle and
/// dependencies on missing origins. The same options always give the same tree.
/// </summary>
public static class PortsTreeGenerator
{
    private static readonly string[] s_categoryNames =
    [
        "devel", "textproc", "www", "sysutils", "net", "graphics", "security", "lang", "databases", "misc",
        "multimedia", "audio", "x11", "math", "science", "mail", "print", "converters", "archivers", "editors",
        "games", "net-mgmt", "dns", "ftp", "shells", "comms", "emulators", "finance", "cad", "astro",
        "biology", "benchmarks", "deskutils", "irc", "news", "x11-fonts", "x11-wm", "japanese", "chinese", "accessibility",
    ];

    private static readonly string[] s_syllables =
    [
        "lib", "zor", "ka", "vel", "tri", "mon", "spa", "gle", "qua", "dex", "rin", "bo", "tu", "fen", "xa", "lo", "mi", "pre", "sto", "nu",
    ];

    private static readonly string[][] s_flavorSets =
    [
        ["py311", "py39"], ["default", "nox11"], ["qt6", "qt5"], ["tty", "x11", "wayland"], ["php83", "php82", "php81"],
    ];

    private static readonly double[] s_dependencyCountWeights = [0.18, 0.17, 0.15, 0.13, 0.11, 0.09, 0.07, 0.06, 0.04];

    /// <summary>Writes the tree into <paramref name="directory"/> (created if needed) and describes it.</summary>
    public static GeneratedPortsTree Generate(string directory, PortsTreeGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var random = new Random(options.Seed);
        var ports = CreatePorts(random, options);
        var missing = AddDependencies(random, ports, options);
        var cycle = options.AddCycle ? AddCycle(ports) : [];

        if (options.WriteFiles)
        {
            PortsTreeWriter.Write(directory, ports, options.FrameworkDirectory ?? Path.Combine(RepositoryPaths.SamplePorts, "Mk"), options.Buildable);
        }

        return Describe(directory, ports, missing, cycle, options.Seed);
    }

    private static List<GeneratedPort> CreatePorts(Random random, PortsTreeGeneratorOptions options)
    {
        var categories = Enumerable.Range(0, options.CategoryCount)
            .Select(i => i < s_categoryNames.Length ? s_categoryNames[i] : "cat" + i.ToString("D3", CultureInfo.InvariantCulture))
            .ToArray();
        var ports = new List<GeneratedPort>(options.PortCount) { new(0, "ports-mgmt", "pkg", "2.1.0", 0) };
        for (var i = 1; i < options.PortCount; i++)
        {
            // Category sizes are uneven, as in a real tree: low indexes (devel, textproc, www, ...) are larger.
            var category = categories[(int)(categories.Length * Math.Pow(random.NextDouble(), 1.7))];
            var syllables = 1 + random.Next(3);
            var name = string.Concat(Enumerable.Range(0, syllables).Select(_ => s_syllables[random.Next(s_syllables.Length)]))
                + i.ToString(CultureInfo.InvariantCulture);
            var version = string.Create(CultureInfo.InvariantCulture, $"{random.Next(10)}.{random.Next(30)}.{random.Next(10)}");
            var revision = random.NextDouble() < 0.3 ? 1 + random.Next(5) : 0;
            var port = new GeneratedPort(i, category, name, version, revision);
            var roll = random.NextDouble();
            if (roll < options.MetaFraction)
            {
                port.IsMeta = true;
            }
            else if (roll < options.MetaFraction + options.FlavoredFraction)
            {
                port.Flavors.AddRange(s_flavorSets[random.Next(s_flavorSets.Length)]);
            }
            else if (roll < options.MetaFraction + options.FlavoredFraction + options.IgnoredFraction)
            {
                port.IsIgnored = true;
            }

            port.HasOptions = !port.IsMeta && random.NextDouble() < 0.15;
            port.UsesLocalbase = !port.IsMeta && random.NextDouble() < 0.2;
            ports.Add(port);
        }

        if (options.PortCount >= 20 && !ports.Any(p => p.Flavors.Count > 0))
        {
            var port = ports[options.PortCount / 3];
            port.IsMeta = false;
            port.IsIgnored = false;
            port.Flavors.AddRange(s_flavorSets[0]);
        }

        return ports;
    }

    private static List<string> AddDependencies(Random random, List<GeneratedPort> ports, PortsTreeGeneratorOptions options)
    {
        // Preferential attachment: every port enters the pool once, and again each time it is chosen.
        var pool = new List<int>(ports.Count * 4);
        for (var i = 1; i < ports.Count; i++)
        {
            var port = ports[i];
            var wanted = port.IsMeta ? 2 + random.Next(7) : SampleCount(random);
            wanted = Math.Min(Math.Min(wanted, options.MaxDependencies), i - 1);
            var chosen = new HashSet<int>();
            for (var attempt = 0; chosen.Count < wanted && attempt < wanted * 4; attempt++)
            {
                var target = pool.Count > 0 && random.NextDouble() < 0.75 ? pool[random.Next(pool.Count)] : 1 + random.Next(i - 1);
                if (ports[target].IsMeta || !chosen.Add(target))
                {
                    continue;
                }

                pool.Add(target);
                var kind = port.IsMeta ? "RUN" : SampleKind(random);
                port.Dependencies.Add(DependencyTokens.Create(random, kind, ports[target]));
            }

            if (port.HasOptions && port.Dependencies.FindIndex(d => d.Kind == "BUILD") is var b and >= 0)
            {
                port.Dependencies[b] = port.Dependencies[b] with { ViaOption = true };
            }

            if (!port.IsMeta && random.NextDouble() < 0.01)
            {
                var source = ports[1 + random.Next(i)];
                port.Dependencies.Add(new GeneratedToken("EXTRACT", "${NONEXISTENT}:" + source.Origin + ":extract", source, null, false));
            }

            if (!port.IsMeta)
            {
                pool.Add(i);
            }
        }

        EnsureNonDefaultFlavorDependent(ports);

        var missing = new List<string>();
        var candidates = Enumerable.Range(1, ports.Count - 1).OrderBy(_ => random.Next()).Take(options.MissingDependencyCount);
        foreach (var index in candidates.Order())
        {
            var port = ports[index];
            var origin = ports[index].Category + "/gone" + missing.Count.ToString(CultureInfo.InvariantCulture);
            missing.Add(origin);
            port.Dependencies.Add(new GeneratedToken(port.IsMeta ? "RUN" : "BUILD", origin.Split('/')[1] + ":" + origin, null, null, false));
        }

        return missing;
    }

    private static void EnsureNonDefaultFlavorDependent(List<GeneratedPort> ports)
    {
        var flavored = ports.FirstOrDefault(p => p.Flavors.Count > 1);
        if (flavored is null || ports.Any(p => p.Dependencies.Any(d => d.TargetFlavor is not null && d.Target!.Flavors.IndexOf(d.TargetFlavor) > 0)))
        {
            return;
        }

        var dependent = ports.Skip(flavored.Index + 1).FirstOrDefault(p => !p.IsMeta && !p.DependsOn(flavored))
            ?? ports.Skip(flavored.Index + 1).FirstOrDefault(p => !p.DependsOn(flavored));
        if (dependent is not null)
        {
            var flavor = flavored.Flavors[1];
            dependent.Dependencies.Add(new GeneratedToken("RUN", $"{flavor}-{flavored.Name}>0:{flavored.Origin}@{flavor}", flavored, flavor, true));
        }
    }

    private static List<string> AddCycle(List<GeneratedPort> ports)
    {
        var eligible = ports.Where(p => p.Index > 0 && !p.IsMeta && p.Flavors.Count == 0).ToList();
        var first = eligible[eligible.Count / 3];
        var second = eligible[^1];
        if (!second.DependsOn(first))
        {
            second.Dependencies.Add(new GeneratedToken("RUN", first.Name + ":" + first.Origin, first, null, true));
        }

        first.Dependencies.Add(new GeneratedToken("BUILD", second.Name + ":" + second.Origin, second, null, true));
        return [first.Origin, second.Origin, first.Origin];
    }

    private static GeneratedPortsTree Describe(string directory, List<GeneratedPort> ports, List<string> missing, List<string> cycle, int seed)
    {
        var edges = new HashSet<GeneratedEdge>();
        foreach (var port in ports)
        {
            foreach (var token in port.Dependencies.Where(t => t.CountsAsEdge))
            {
                var kind = token.Kind[..1] + token.Kind[1..].ToLowerInvariant();
                var to = token.Target!.Flavors.Count == 0 ? token.Target.Origin : token.Target.Origin + "@" + (token.TargetFlavor ?? token.Target.Flavors[0]);
                foreach (var from in port.Nodes)
                {
                    edges.Add(new GeneratedEdge(from, kind, to));
                }
            }
        }

        return new GeneratedPortsTree(
            directory,
            [.. ports.Select(p => p.Origin).Order(StringComparer.Ordinal)],
            [.. ports.SelectMany(p => p.Nodes).Order(StringComparer.Ordinal)],
            [.. edges.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ThenBy(e => e.Kind, StringComparer.Ordinal)],
            ports.Where(p => p.Flavors.Count > 0).ToDictionary(p => p.Origin, p => (IReadOnlyList<string>)[.. p.Flavors], StringComparer.Ordinal),
            [.. ports.Where(p => p.IsMeta).Select(p => p.Origin).Order(StringComparer.Ordinal)],
            [.. ports.Where(p => p.IsIgnored).Select(p => p.Origin).Order(StringComparer.Ordinal)],
            [.. missing.Order(StringComparer.Ordinal)],
            [.. ports.Where(p => p.Dependencies.Any(d => d.Target is null)).Select(p => p.Origin).Order(StringComparer.Ordinal)],
            cycle,
            SampleDurations(ports, seed));
    }

    private static Dictionary<string, TimeSpan> SampleDurations(List<GeneratedPort> ports, int seed)
    {
        // A separate generator, so that durations never change the graph of a given seed.
        var random = new Random(unchecked(seed * 31 + 7));
        var samples = BuildDurations.Seconds;
        var durations = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var port in ports)
        {
            var seconds = port.IsMeta ? 1 : samples[random.Next(samples.Length)];
            foreach (var node in port.Nodes)
            {
                durations[node] = TimeSpan.FromSeconds(seconds);
            }
        }

        return durations;
    }

    private static int SampleCount(Random random)
    {
        var roll = random.NextDouble();
        for (var count = 0; count < s_dependencyCountWeights.Length; count++)
        {
            roll -= s_dependencyCountWeights[count];
            if (roll < 0)
            {
                return count;
            }
        }

        return s_dependencyCountWeights.Length - 1;
    }

    private static string SampleKind(Random random) => random.NextDouble() switch
    {
        < 0.40 => "BUILD",
        < 0.60 => "LIB",
        < 0.88 => "RUN",
        < 0.90 => "FETCH",
        < 0.95 => "EXTRACT",
        _ => "PATCH",
    };
}
