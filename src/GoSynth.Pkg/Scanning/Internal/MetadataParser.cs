using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Turns the answer lines of a metadata query (<see cref="MakeInvoker.QueryVariables"/>) into a
/// <see cref="PortQueryResult"/>, or says why it cannot; also hands back the two lines that are not metadata of the
/// node: <c>FLAVOR</c> and <c>PKG_ORIGIN</c>.
/// </summary>
internal static class MetadataParser
{
    private const int FlavorLine = 17;
    private const int PkgOriginLine = 18;

    private static readonly int ExpectedLines = MakeInvoker.QueryVariables.Length;

    private static readonly DependencyKind[] KindsInOrder =
    [
        DependencyKind.Fetch, DependencyKind.Extract, DependencyKind.Patch,
        DependencyKind.Build, DependencyKind.Lib, DependencyKind.Run,
    ];

    public static ParsedAnswer Parse(PortId id, RawMakeOutput output, string portsDirectory)
    {
        if (output.Outcome == ProcessOutcome.TimedOut)
        {
            return new(PortQueryResult.Corrupt(id, WithStandardError($"{id}: make did not answer within the query timeout and was killed", output)));
        }

        if (!output.Succeeded)
        {
            var how = output.Outcome == ProcessOutcome.Exited
                ? "make exited with code " + output.ExitCode.ToString(CultureInfo.InvariantCulture)
                : "make was ended (" + output.Outcome + ", code " + output.ExitCode.ToString(CultureInfo.InvariantCulture) + ")";
            return new(PortQueryResult.Corrupt(id, WithStandardError($"{id}: {how}", output)));
        }

        var lines = output.Lines;
        if (lines.Length == 0)
        {
            return new(PortQueryResult.NotFound(id, WithStandardError($"{id}: make printed nothing for the port (not a port directory?)", output)));
        }

        if (lines.Length != ExpectedLines)
        {
            return new(PortQueryResult.Corrupt(
                id,
                WithStandardError($"{id}: make printed {lines.Length.ToString(CultureInfo.InvariantCulture)} lines instead of {ExpectedLines.ToString(CultureInfo.InvariantCulture)} (a value with a newline?)", output)));
        }

        var (dependencies, errors) = ParseDependencies(lines, portsDirectory);
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
            Dependencies = errors.Count == 0 ? dependencies : [],
            SelectedOptions = Words(lines[12]),
            DeselectedOptions = Words(lines[13]),
            UseLinux = lines[14].Trim(),
            Flavors = Words(lines[15]),
            Uses = Words(lines[16]),
        };
        var flavor = NullIfEmpty(lines[FlavorLine]);
        var pkgOrigin = NullIfEmpty(lines[PkgOriginLine]);
        if (errors.Count > 0)
        {
            // Keep what make answered: the readable values in the metadata, every line in MakeAnswers.
            var error = WithStandardError($"{id}: {string.Join("; ", errors)}", output);
            return new(new PortQueryResult(id, PortQueryStatus.Corrupt, metadata, error) { MakeAnswers = lines }, flavor, pkgOrigin);
        }

        return new(PortQueryResult.Found(metadata), flavor, pkgOrigin);
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

    /// <summary>Parses every variable, collecting the message of each token that does not parse instead of stopping.</summary>
    private static (ImmutableArray<PortDependency> Dependencies, List<string> Errors) ParseDependencies(ImmutableArray<string> lines, string portsDirectory)
    {
        var all = new List<PortDependency>();
        var errors = new List<string>();
        for (var i = 0; i < KindsInOrder.Length; i++)
        {
            try
            {
                all.AddRange(DependencyParser.Parse(KindsInOrder[i], lines[6 + i], portsDirectory));
            }
            catch (DependencyFormatException ex)
            {
                errors.Add(ex.Message.TrimEnd('.'));
            }
        }

        return (Deduplicate(all), errors);
    }

    private static ImmutableArray<string> Words(string line) =>
        [.. line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];

    private static string? NullIfEmpty(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

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
