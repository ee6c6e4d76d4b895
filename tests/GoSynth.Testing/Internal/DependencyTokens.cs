using System.Globalization;

namespace GoSynth.Testing.Internal;

/// <summary>Writes one dependency token in one of the forms real ports use.</summary>
internal static class DependencyTokens
{
    private static readonly string[] s_targets = ["extract", "patch", "build"];

    /// <param name="random">The generator's choices.</param>
    /// <param name="kind">FETCH, EXTRACT, PATCH, BUILD, LIB or RUN.</param>
    /// <param name="target">The port depended on.</param>
    public static GeneratedToken Create(Random random, string kind, GeneratedPort target)
    {
        string? flavor = null;
        var origin = target.Origin;
        if (target.Flavors.Count > 0)
        {
            // Half name no flavor (the default), a quarter the default explicitly, a quarter another flavor.
            var roll = random.NextDouble();
            flavor = roll < 0.5 ? null : roll < 0.75 ? target.Flavors[0] : target.Flavors[1 + random.Next(target.Flavors.Count - 1)];
            if (flavor is not null)
            {
                origin += "@" + flavor;
            }
        }

        var packageName = (flavor is not null && flavor != target.Flavors[0] ? flavor + "-" : string.Empty) + target.Name;
        var form = random.NextDouble();
        var text = kind switch
        {
            "LIB" => form < 0.7
                ? $"lib{target.Name}.so:{origin}"
                : string.Create(CultureInfo.InvariantCulture, $"lib{target.Name}.so.{1 + random.Next(9)}:{origin}"),
            "BUILD" or "RUN" => form switch
            {
                < 0.35 => $"{packageName}>={target.Version}:{origin}",
                < 0.65 => $"{target.Name}:{origin}",
                < 0.80 => $"${{LOCALBASE}}/bin/{target.Name}:{origin}",
                < 0.90 => $"{target.Name}:${{PORTSDIR}}/{origin}",
                _ => $"${{LOCALBASE}}/lib/lib{target.Name}.a:{origin}",
            },
            _ => form switch
            {
                < 0.60 => $"{target.Name}:{origin}",
                < 0.85 => $"${{LOCALBASE}}/bin/{target.Name}:{origin}",
                _ => $"{target.Name}:{origin}:{s_targets[random.Next(s_targets.Length)]}",
            },
        };
        return new GeneratedToken(kind, text, target, flavor, true);
    }
}
