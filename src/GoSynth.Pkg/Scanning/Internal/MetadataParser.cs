using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>Turns the 17 lines of a metadata query into a <see cref="PortQueryResult"/>, or says why it cannot.</summary>
internal static class MetadataParser
{
    private const int ExpectedLines = 17;

    private static readonly DependencyKind[] KindsInOrder =
    [
        DependencyKind.Fetch, DependencyKind.Extract, DependencyKind.Patch,
        DependencyKind.Build, DependencyKind.Lib, DependencyKind.Run,
    ];

    public static PortQueryResult Parse(PortId id, RawMakeOutput output, string portsDirectory)
    {
        if (output.Outcome == ProcessOutcome.TimedOut)
        {
            return PortQueryResult.Corrupt(id, WithStandardError($"{id}: make did not answer within the query timeout and was killed", output));
        }

        if (!output.Succeeded)
        {
            var how = output.Outcome == ProcessOutcome.Exited
                ? "make exited with code " + output.ExitCode.ToString(CultureInfo.InvariantCulture)
                : "make was ended (" + output.Outcome + ", code " + output.ExitCode.ToString(CultureInfo.InvariantCulture) + ")";
            return PortQueryResult.Corrupt(id, WithStandardError($"{id}: {how}", output));
        }

        var lines = output.Lines;
        if (lines.Length == 0)
        {
            return PortQueryResult.NotFound(id, WithStandardError($"{id}: make printed nothing for the port (not a port directory?)", output));
        }

        if (lines.Length != ExpectedLines)
        {
            return PortQueryResult.Corrupt(
                id,
                WithStandardError($"{id}: make printed {lines.Length.ToString(CultureInfo.InvariantCulture)} lines instead of {ExpectedLines.ToString(CultureInfo.InvariantCulture)} (a value with a newline?)", output));
        }

        ImmutableArray<PortDependency> dependencies;
        try
        {
            dependencies = ParseDependencies(lines, portsDirectory);
        }
        catch (DependencyFormatException ex)
        {
            return PortQueryResult.Corrupt(id, WithStandardError($"{id}: {ex.Message}", output));
        }

        var ignore = lines[5].Trim();
        var jobs = lines[4].Trim();
        var metadata = new PortMetadata
        {
            Id = id,
            Version = lines[0].Trim(),
            PackageFile = lines[1].Trim(),
            AllFiles = Words(lines[2]),
            DistSubdir = lines[3].Trim(),
            MakeJobsNumber = int.TryParse(jobs, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            IgnoreReason = ignore.Length == 0 ? null : ignore,
            Dependencies = dependencies,
            SelectedOptions = Words(lines[12]),
            DeselectedOptions = Words(lines[13]),
            UseLinux = lines[14].Trim(),
            Flavors = Words(lines[15]),
            Uses = Words(lines[16]),
        };
        return PortQueryResult.Found(metadata);
    }

    /// <summary>Removes a second dependency on the same (port, kind), keeping the first.</summary>
    public static ImmutableArray<PortDependency> Deduplicate(IEnumerable<PortDependency> dependencies)
    {
        var seen = new HashSet<(PortId, DependencyKind)>();
        var builder = ImmutableArray.CreateBuilder<PortDependency>();
        foreach (var dependency in dependencies)
        {
            if (seen.Add((dependency.Port, dependency.Kind)))
            {
                builder.Add(dependency);
            }
        }

        return builder.ToImmutable();
    }

    private static ImmutableArray<PortDependency> ParseDependencies(ImmutableArray<string> lines, string portsDirectory)
    {
        var all = new List<PortDependency>();
        for (var i = 0; i < KindsInOrder.Length; i++)
        {
            all.AddRange(DependencyParser.Parse(KindsInOrder[i], lines[6 + i], portsDirectory));
        }

        return Deduplicate(all);
    }

    private static ImmutableArray<string> Words(string line) =>
        [.. line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];

    private static string WithStandardError(string message, RawMakeOutput output)
    {
        var stderr = output.StandardError.Trim();
        if (stderr.Length == 0)
        {
            return message + ".";
        }

        var builder = new StringBuilder(message.Length + stderr.Length + 16);
        builder.Append(message).Append("; make said: ").Append(stderr);
        return builder.ToString();
    }
}
