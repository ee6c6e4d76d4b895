namespace GoSynth.Builder.Configuration.Internal;

/// <summary>
/// dsynth.ini as written: sections of <c>key = value</c> lines, with line numbers. Lines starting with <c>;</c> or
/// <c>#</c> are comments; a value is one token (dsynth keeps only the first word; GoSynth refuses the rest instead
/// of dropping it silently), and a trailing <c>; comment</c> or <c># comment</c> after it is allowed.
/// </summary>
internal sealed class IniDocument
{
    private IniDocument(string file, List<IniSection> sections)
    {
        File = file;
        Sections = sections;
    }

    public string File { get; }

    public IReadOnlyList<IniSection> Sections { get; }

    public IniSection? Find(string name) => Sections.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static IniDocument Parse(string file, string text)
    {
        var sections = new List<IniSection>();
        IniSection? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] is ';' or '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']' || line.Length < 3)
                {
                    throw new BuilderConfigurationException($"'{line}' is not a section header; write [Global Configuration] or [<profile name>].", file, number);
                }

                var name = line[1..^1].Trim();
                if (sections.Any(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new BuilderConfigurationException($"section [{name}] appears twice; merge the two.", file, number);
                }

                current = new IniSection(name, number);
                sections.Add(current);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new BuilderConfigurationException($"'{line}' is not a 'key = value' line, a [section] or a comment (; or #).", file, number);
            }

            var key = line[..equals].Trim();
            if (current is null)
            {
                throw new BuilderConfigurationException($"key {key} comes before any section; put it under [Global Configuration] or a profile.", file, number, key);
            }

            var value = StripComment(line[(equals + 1)..]).Trim();
            if (value.Length == 0)
            {
                throw new BuilderConfigurationException($"key {key} has no value.", file, number, key);
            }

            if (value.Any(char.IsWhiteSpace))
            {
                throw new BuilderConfigurationException($"the value of {key} ('{value}') contains a space; values are one word (dsynth would keep only '{value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0]}').", file, number, key);
            }

            if (current.Entries.FirstOrDefault(e => e.Key.Equals(key, StringComparison.OrdinalIgnoreCase)) is { } earlier)
            {
                throw new BuilderConfigurationException($"key {key} is set twice in [{current.Name}] (also on line {earlier.Line}); keep one.", file, number, key);
            }

            current.Entries.Add(new IniEntry(key, value, number));
        }

        return new IniDocument(file, sections);
    }

    private static string StripComment(string value)
    {
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] is ';' or '#' && char.IsWhiteSpace(value[i - 1]))
            {
                return value[..i];
            }
        }

        return value;
    }
}

/// <summary>One <c>[section]</c> of an <see cref="IniDocument"/>.</summary>
internal sealed record IniSection(string Name, int Line)
{
    public List<IniEntry> Entries { get; } = [];
}

/// <summary>One <c>key = value</c> line.</summary>
internal sealed record IniEntry(string Key, string Value, int Line);
