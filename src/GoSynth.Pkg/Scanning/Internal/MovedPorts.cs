using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// The tree's <c>MOVED</c> file: one line per origin that moved or was removed, <c>old|new|YYYY-MM-DD|reason</c>
/// (an empty <c>new</c> means removed; <c>#</c> starts a comment). A requested port, or a dependency, whose directory
/// does not exist is followed through it: to where it moved (through chains, a loop is an error), or to its removal.
/// </summary>
internal sealed class MovedPorts
{
    public const string FileName = "MOVED";

    private readonly Dictionary<string, Entry> _entries;

    private MovedPorts(Dictionary<string, Entry> entries) => _entries = entries;

    public static MovedPorts Empty { get; } = new(new Dictionary<string, Entry>(StringComparer.Ordinal));

    public int Count => _entries.Count;

    /// <summary>Reads <c>MOVED</c> at the top of the tree; no file means no entries. Malformed lines are skipped.</summary>
    public static MovedPorts Load(string portsDirectory)
    {
        var path = Path.Combine(portsDirectory, FileName);
        return File.Exists(path) ? Parse(File.ReadLines(path)) : Empty;
    }

    public static MovedPorts Parse(IEnumerable<string> lines)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('|', 4);
            if (fields.Length < 3 || fields[0].Length == 0)
            {
                continue;
            }

            // Later lines win: the file is in date order, and an origin can move again after it was re-added.
            entries[fields[0].Trim().TrimEnd('/')] = new Entry(fields[1].Trim().TrimEnd('/'), fields[2].Trim(), fields.Length > 3 ? fields[3].Trim() : "");
        }

        return new MovedPorts(entries);
    }

    /// <summary>
    /// Follows <paramref name="origin"/> (with <paramref name="flavor"/>) while its directory does not exist and
    /// <c>MOVED</c> names it. Returns where it ends and one note per move, or the result of a removed port or a loop.
    /// </summary>
    public Resolution Resolve(string origin, string? flavor, Func<string, bool> exists)
    {
        var requested = new PortId(origin, flavor);
        var notes = ImmutableArray.CreateBuilder<string>();
        var current = origin;
        var path = new List<string> { origin };
        while (!exists(current) && TryFind(current, flavor, out var entry))
        {
            if (entry.To.Length == 0)
            {
                var what = $"{current} was removed from the ports tree on {entry.Date}: {Reason(entry)}";
                var error = current == origin ? what : $"{string.Join("; ", notes)}; {what}";
                return new Resolution(origin, flavor, notes.ToImmutable(), PortQueryResult.Removed(requested, $"{requested}: {error} (MOVED)."));
            }

            var (to, toFlavor) = SplitFlavor(entry.To);
            flavor = toFlavor ?? flavor;
            notes.Add($"{current} moved to {to} on {entry.Date}: {Reason(entry)}");
            if (path.Contains(to, StringComparer.Ordinal))
            {
                path.Add(to);
                return new Resolution(origin, flavor, notes.ToImmutable(), PortQueryResult.NotFound(requested, $"{requested}: the MOVED entries of the port form a loop: {string.Join(" -> ", path)}; fix the tree's MOVED file."));
            }

            path.Add(to);
            current = to;
        }

        return new Resolution(current, flavor, notes.ToImmutable(), null);
    }

    /// <summary>Whether MOVED has a line for <paramref name="origin"/> (with <paramref name="flavor"/>, or without one).</summary>
    public bool Names(string origin, string? flavor) => TryFind(origin, flavor, out _);

    private bool TryFind(string origin, string? flavor, out Entry entry) =>
        (flavor is not null && _entries.TryGetValue(origin + "@" + flavor, out entry!)) || _entries.TryGetValue(origin, out entry!);

    private static (string Origin, string? Flavor) SplitFlavor(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (text, null) : (text[..at], text[(at + 1)..]);
    }

    private static string Reason(Entry entry) => entry.Reason.Length == 0 ? "(no reason given)" : entry.Reason;

    /// <summary>Where a requested port ends: its origin and flavor, the moves on the way, or a final result (removed, loop).</summary>
    public sealed record Resolution(string Origin, string? Flavor, ImmutableArray<string> Notes, PortQueryResult? Final);

    private sealed record Entry(string To, string Date, string Reason);
}
