using System.Globalization;

namespace GoSynth.Testing.Internal;

/// <summary>
/// Real per-port build durations (tests/data/build-times/durations.tsv: the successful builds of a
/// published poudriere run, FreeBSD 12.2 amd64) to sample realistic durations from.
/// </summary>
internal static class BuildDurations
{
    private static readonly Lazy<double[]> s_seconds = new(Load);

    public static double[] Seconds => s_seconds.Value;

    private static double[] Load()
    {
        var path = DataFile();
        var seconds = new List<double>();
        if (path is not null && File.Exists(path))
        {
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                // log origin pkgname event result builder end_offset_s duration_s
                var fields = line.Split('\t');
                if (fields.Length == 8 && fields[0].Contains("12.2amd64", StringComparison.Ordinal)
                    && fields[3] == "Finished" && fields[4] == "Success"
                    && double.TryParse(fields[7], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    seconds.Add(value);
                }
            }
        }

        // Without the data file: a log-normal shape with the same median (43 s) and a long tail.
        return seconds.Count > 0
            ? [.. seconds.Order()]
            : [.. Enumerable.Range(1, 99).Select(p => Math.Round(43 * Math.Exp(1.3 * InverseNormal(p / 100.0))))];
    }

    private static string? DataFile()
    {
        try
        {
            return Path.Combine(RepositoryPaths.TestData, "build-times", "durations.tsv");
        }
        catch (InvalidOperationException)
        {
            // Used outside the repository: no data file.
            return null;
        }
    }

    private static double InverseNormal(double p)
    {
        // Good enough for shaping test data (Tukey's lambda approximation).
        return 4.91 * (Math.Pow(p, 0.14) - Math.Pow(1 - p, 0.14));
    }
}
