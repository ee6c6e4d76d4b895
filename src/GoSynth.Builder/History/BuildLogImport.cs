using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.History;

/// <summary>
/// Reads port build durations from the logs of other builders, to seed a history before GoSynth has built anything:
/// poudriere's bulk log (<c>[elapsed] [builder] [port elapsed] Finished origin | pkgname: Success</c>) and dsynth's
/// <c>00_last_results.log</c> (<c>[slot] SUCCESS origin … hh:mm:ss</c>). A line that looks like a build result
/// but cannot be read is reported in <see cref="LogImportResult.Unparsed"/>, never guessed.
/// </summary>
public static partial class BuildLogImport
{
    /// <summary>Reads a poudriere bulk log.</summary>
    public static LogImportResult ReadPoudriere(TextReader log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var builds = ImmutableArray.CreateBuilder<ImportedBuild>();
        var unparsed = ImmutableArray.CreateBuilder<UnparsedLine>();
        var number = 0;
        while (log.ReadLine() is { } line)
        {
            number++;
            var builder = PoudriereBuilderLine().Match(line);
            if (!builder.Success)
            {
                if (!PoudriereMessageLine().IsMatch(line) && !PoudriereStatusLine().IsMatch(line) && line.Trim().Length > 0)
                {
                    unparsed.Add(new UnparsedLine(number, line, "not a poudriere log line"));
                }

                continue;
            }

            if (builder.Groups["verb"].Value != "Finished")
            {
                continue;
            }

            var result = PoudriereFinished().Match(builder.Groups["rest"].Value);
            if (!result.Success || !TryDuration(builder.Groups["port"].Value, out var duration) || !PortId.TryParse(result.Groups["origin"].Value, out var port))
            {
                unparsed.Add(new UnparsedLine(number, line, "a Finished line without 'origin | package: Success' or 'Failed: phase', or with a bad time"));
                continue;
            }

            var failed = result.Groups["phase"].Success;
            builds.Add(new ImportedBuild(port.Value, result.Groups["package"].Value, duration, !failed, failed ? result.Groups["phase"].Value : null, number));
        }

        return new LogImportResult(builds.ToImmutable(), unparsed.ToImmutable());
    }

    /// <summary>Reads dsynth's <c>00_last_results.log</c>.</summary>
    public static LogImportResult ReadDsynth(TextReader log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var builds = ImmutableArray.CreateBuilder<ImportedBuild>();
        var unparsed = ImmutableArray.CreateBuilder<UnparsedLine>();
        var number = 0;
        while (log.ReadLine() is { } line)
        {
            number++;
            var looks = DsynthResultWord().Match(line);
            if (!looks.Success)
            {
                continue;
            }

            var result = DsynthResult().Match(line);
            if (!result.Success || !TryDuration(result.Groups["time"].Value, out var duration) || !PortId.TryParse(result.Groups["origin"].Value, out var port))
            {
                unparsed.Add(new UnparsedLine(number, line, $"a {looks.Groups[1].Value} line without 'origin … hh:mm:ss'"));
                continue;
            }

            var failed = result.Groups["verb"].Value == "FAILURE";
            builds.Add(new ImportedBuild(port.Value, null, duration, !failed, failed && result.Groups["phase"].Success ? result.Groups["phase"].Value : null, number));
        }

        return new LogImportResult(builds.ToImmutable(), unparsed.ToImmutable());
    }

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var parts = text.Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > 59 || parts[1].Length != 2
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s > 59 || parts[2].Length != 2)
        {
            return false;
        }

        duration = new TimeSpan(h, m, s);
        return true;
    }

    [GeneratedRegex(@"^\[(?<run>[^\]]*)\] \[(?<slot>\d+)\] \[(?<port>[^\]]*)\] (?<verb>Building|Finished|Skipping|Ignoring|Fetching|Cleaning)\b ?(?<rest>.*)$")]
    private static partial Regex PoudriereBuilderLine();

    [GeneratedRegex(@"^(?<origin>\S+) \| (?<package>\S+): (?:Success|Failed: (?<phase>\S+))\s*$")]
    private static partial Regex PoudriereFinished();

    [GeneratedRegex(@"^\[\d+:\d\d:\d\d\] ")]
    private static partial Regex PoudriereMessageLine();

    [GeneratedRegex(@"^\[[^\]]+\] \[\d{4}-\d\d-\d\d_\d\dh\d\dm\d\ds\] \[")]
    private static partial Regex PoudriereStatusLine();

    [GeneratedRegex(@"^\[\d{3}\] (SUCCESS|FAILURE) ")]
    private static partial Regex DsynthResultWord();

    [GeneratedRegex(@"^\[\d{3}\] (?<verb>SUCCESS|FAILURE) (?<origin>\S+)(?: \d+)?\s+(?:(?<phase>[a-z][a-z-]*) )?(?<time>\d+:\d\d:\d\d)\s*$")]
    private static partial Regex DsynthResult();
}
