using System.Collections.Immutable;
using GoSynth.Builder.Configuration.Internal;

namespace GoSynth.Builder.Configuration;

/// <summary>
/// Reads and writes dsynth's configuration: <c>dsynth.ini</c> (a <c>[Global Configuration]</c> section naming
/// <c>profile_selected</c>, one section per profile) and the profile's <c>&lt;profile&gt;-make.conf</c>, looked up in a
/// directory the caller names or else in <c>/etc/dsynth</c>, then <c>/usr/local/etc/dsynth</c>, as dsynth does.
/// </summary>
/// <remarks>
/// <para>Differences from dsynth, each deliberate: keys may also be set in <c>[Global Configuration]</c>, where they
/// apply to every profile and the selected profile's own keys override them (dsynth accepts only
/// <c>profile_selected</c> there); keys are matched without regard to case; a value with a space in it, a key set
/// twice, an unknown key in any profile, and a missing selected profile are errors (dsynth silently keeps the first
/// word, the last value, or its defaults). <c>yes</c>/<c>no</c> are accepted as booleans besides dsynth's
/// <c>true false 1 0</c>. GoSynth's own keys (<c>Slot_backend</c>, <c>Target_release</c>, <c>Target_architecture</c>,
/// <c>Directory_metacache</c>, <c>Database_path</c>, <c>Disable_throttle</c>, <c>Max_jobs_total</c>) would be
/// rejected by dsynth: keep them out of a file dsynth also reads.</para>
/// </remarks>
public static partial class DsynthConfiguration
{
    /// <summary>The configuration file's name.</summary>
    public const string FileName = "dsynth.ini";

    /// <summary>Where the file is looked for when the caller names no directory, in order.</summary>
    public static ImmutableArray<string> SearchDirectories { get; } = ["/etc/dsynth", "/usr/local/etc/dsynth"];

    /// <summary>The name of a profile's make.conf: <c>&lt;profile&gt;-make.conf</c> next to dsynth.ini.</summary>
    public static string MakeConfFileName(string profile) => profile + "-make.conf";

    /// <summary>Reads the configuration into new options.</summary>
    /// <param name="directory">The directory holding dsynth.ini; null searches <see cref="SearchDirectories"/>.</param>
    /// <param name="profile">The profile to use (dsynth's <c>-p</c>); null uses <c>profile_selected</c>.</param>
    /// <exception cref="BuilderConfigurationException">The file is missing or has an error; the message names file, line and key.</exception>
    public static BuilderOptions Load(string? directory = null, string? profile = null)
    {
        var options = new BuilderOptions();
        LoadInto(options, directory, profile);
        return options;
    }

    /// <summary>Reads the configuration into <paramref name="options"/> (for <c>AddGoSynthBuilder(o =&gt; DsynthConfiguration.LoadInto(o))</c>).</summary>
    /// <param name="options">The options to fill.</param>
    /// <param name="directory">The directory holding dsynth.ini; null searches <see cref="SearchDirectories"/>.</param>
    /// <param name="profile">The profile to use (dsynth's <c>-p</c>); null uses <c>profile_selected</c>.</param>
    /// <exception cref="BuilderConfigurationException">The file is missing or has an error; the message names file, line and key.</exception>
    public static void LoadInto(BuilderOptions options, string? directory = null, string? profile = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        LoadFile(options, FindFile(directory, SearchDirectories), profile);
    }

    internal static string FindFile(string? directory, IReadOnlyList<string> searchDirectories)
    {
        var candidates = directory is null ? searchDirectories : [directory];
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(candidate, FileName);
            if (File.Exists(path))
            {
                return Path.GetFullPath(path);
            }
        }

        throw new BuilderConfigurationException(
            $"no {FileName} in {string.Join(" or ", candidates)}; write one with 'gosynth init' or name the directory that holds it.");
    }

    internal static void LoadFile(BuilderOptions options, string file, string? profile)
    {
        var document = IniDocument.Parse(file, File.ReadAllText(file));
        var global = document.Find(ConfigurationKeys.GlobalSection)
            ?? throw new BuilderConfigurationException($"there is no [{ConfigurationKeys.GlobalSection}] section; add one with '{ConfigurationKeys.ProfileSelected} = <profile>'.", file);
        var selected = profile
            ?? global.Entries.FirstOrDefault(e => e.Key.Equals(ConfigurationKeys.ProfileSelected, StringComparison.OrdinalIgnoreCase))?.Value
            ?? BuilderOptions.DefaultProfile;
        if (selected.Equals(ConfigurationKeys.GlobalSection, StringComparison.OrdinalIgnoreCase))
        {
            throw new BuilderConfigurationException($"'{selected}' cannot be a profile name.", file, 0, ConfigurationKeys.ProfileSelected);
        }

        var section = document.Find(selected) ?? throw new BuilderConfigurationException(
            $"the selected profile [{selected}] has no section; the file has [{string.Join("], [", document.Sections.Select(s => s.Name))}].",
            file, 0, ConfigurationKeys.ProfileSelected);

        // Every section is checked for unknown keys, so a typo in another profile is found now, not when it is selected.
        foreach (var other in document.Sections)
        {
            foreach (var entry in other.Entries)
            {
                if (ReferenceEquals(other, global) && entry.Key.Equals(ConfigurationKeys.ProfileSelected, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (ConfigurationKeys.Find(entry.Key) is null)
                {
                    var hint = ConfigurationKeys.Suggest(entry.Key) is { } near ? $"did you mean {near}? " : "";
                    var placement = entry.Key.Equals(ConfigurationKeys.ProfileSelected, StringComparison.OrdinalIgnoreCase)
                        ? $"{ConfigurationKeys.ProfileSelected} belongs in [{ConfigurationKeys.GlobalSection}]. "
                        : "";
                    throw new BuilderConfigurationException(
                        $"unknown key {entry.Key} in [{other.Name}]. {placement}{hint}Known keys: {string.Join(' ', ConfigurationKeys.All.Select(k => k.Name))}.",
                        file, entry.Line, entry.Key);
                }
            }
        }

        var lines = new Dictionary<string, IniEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in global.Entries.Concat(section.Entries))
        {
            var key = ConfigurationKeys.Find(entry.Key);
            if (key is null)
            {
                continue;
            }

            try
            {
                key.Apply(options, entry.Value);
            }
            catch (FormatException e)
            {
                throw new BuilderConfigurationException($"{key.Name} = {entry.Value}: {e.Message}.", file, entry.Line, key.Name);
            }

            lines[key.Name] = entry;
        }

        options.Profile = selected;
        options.ConfigurationFile = file;
        ReadMakeConf(options, Path.GetDirectoryName(file)!, selected);
        Check(options, file, lines);
    }

    private static void ReadMakeConf(BuilderOptions options, string directory, string profile)
    {
        var path = Path.Combine(directory, MakeConfFileName(profile));
        if (!File.Exists(path))
        {
            options.MakeConfFile = null;
            options.MakeConf = [];
            return;
        }

        options.MakeConfFile = path;
        options.MakeConf = [.. File.ReadAllLines(path)
            .Select(l => l.TrimEnd())
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))];
    }

    private static void Check(BuilderOptions options, string file, Dictionary<string, IniEntry> lines)
    {
        var problems = BuilderOptionsValidator.Problems(options);
        if (problems.Count == 0)
        {
            return;
        }

        var key = problems.Select(p => p.Member is null ? null : ConfigurationKeys.KeyOf(p.Member)).FirstOrDefault(k => k is not null);
        var line = key is not null && lines.TryGetValue(key, out var entry) ? entry.Line : 0;
        var message = string.Join(" ", problems.Select(p => p.Message));
        throw new BuilderConfigurationException(message, file, line, key);
    }
}
