using System.Collections.Immutable;
using System.Globalization;

namespace GoSynth.Pkg.Profiles.Internal;

/// <summary>
/// What a target's base system holds at the paths the ports framework probes, shipped as data
/// (<c>Profiles/BaseSystem/*.txt</c>, embedded as <c>GoSynth.Pkg.BaseSystem.*</c>): one entry per line,
/// <c>path&lt;TAB&gt;kind&lt;TAB&gt;source</c>, with the header lines <c># os: NAME</c> and <c># releases: N N…</c>
/// (major releases) saying which targets a list describes.
/// </summary>
internal sealed record TargetBaseSystem(string Name, string OperatingSystem, ImmutableArray<int> Releases, ImmutableArray<TargetBaseSystem.Entry> Entries)
{
    private const string ResourcePrefix = "GoSynth.Pkg.BaseSystem.";
    private static readonly Lazy<ImmutableArray<TargetBaseSystem>> AllLazy = new(LoadAll);

    /// <summary>How a path exists on the target.</summary>
    public enum Kind
    {
        /// <summary>A file.</summary>
        File,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>Documented as missing on the target; never shown.</summary>
        Absent,
    }

    /// <summary>Every list shipped.</summary>
    public static ImmutableArray<TargetBaseSystem> All => AllLazy.Value;

    /// <summary>The list describing <paramref name="profile"/>'s system and major release, or null when none does.</summary>
    public static TargetBaseSystem? For(TargetProfile profile)
    {
        if (profile.Release is null || !int.TryParse(profile.Release.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        return All.FirstOrDefault(b => b.OperatingSystem == profile.OperatingSystem && b.Releases.Contains(major));
    }

    /// <summary>Reads one list.</summary>
    /// <exception cref="FormatException">A line is not <c>path TAB kind TAB source</c>, or the header is incomplete.</exception>
    public static TargetBaseSystem Parse(string name, string text)
    {
        string? os = null;
        var releases = ImmutableArray<int>.Empty;
        var entries = ImmutableArray.CreateBuilder<Entry>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# os:", StringComparison.Ordinal))
            {
                os = line["# os:".Length..].Trim();
                continue;
            }

            if (line.StartsWith("# releases:", StringComparison.Ordinal))
            {
                releases = [.. line["# releases:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, NumberStyles.None, CultureInfo.InvariantCulture))];
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3 || !fields[0].StartsWith('/') || fields[0].Contains("/../", StringComparison.Ordinal) || fields[2].Trim().Length == 0)
            {
                throw new FormatException($"{name} line {number}: expected '/absolute/path<TAB>file|dir|absent<TAB>where the fact comes from', got '{line}'.");
            }

            var kind = fields[1] switch
            {
                "file" => Kind.File,
                "dir" => Kind.Directory,
                "absent" => Kind.Absent,
                _ => throw new FormatException($"{name} line {number}: kind '{fields[1]}' is not file, dir or absent."),
            };
            entries.Add(new Entry(fields[0], kind, fields[2].Trim()));
        }

        if (os is null || releases.IsDefaultOrEmpty)
        {
            throw new FormatException($"{name}: the header must name '# os:' and '# releases:'.");
        }

        return new TargetBaseSystem(name, os, releases, entries.ToImmutable());
    }

    private static ImmutableArray<TargetBaseSystem> LoadAll()
    {
        var assembly = typeof(TargetBaseSystem).Assembly;
        var lists = ImmutableArray.CreateBuilder<TargetBaseSystem>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            lists.Add(Parse(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return lists.ToImmutable();
    }

    /// <summary>One path of the target's base system.</summary>
    public sealed record Entry(string Path, Kind Kind, string Source);
}
