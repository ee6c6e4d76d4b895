using System.Text;

namespace GoSynth.Builder.Configuration.Internal;

/// <summary>
/// Writes the dsynth.ini reference (docs/configuration.md) from the key table the parser uses
/// (<see cref="ConfigurationKeys.All"/>: name, meaning, dsynth or GoSynth only) and the stated defaults
/// (<see cref="ConfigurationKeyDefaults"/>), so the document cannot drift from the code.
/// </summary>
internal static class ConfigurationReference
{
    /// <summary>The repository-relative path of the generated document.</summary>
    public const string DocumentPath = "docs/configuration.md";

    /// <summary>The reference as Markdown, with <c>\n</c> line ends.</summary>
    /// <exception cref="KeyNotFoundException">A key has no stated default.</exception>
    public static string Markdown()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line("# dsynth.ini reference");
        Line();
        Line("<!-- Generated from GoSynth.Builder's key table (Configuration/Internal/ConfigurationKeys.cs and");
        Line("     ConfigurationKeyDefaults.cs); a test fails when this file and the code differ. To regenerate:");
        Line("     GOSYNTH_UPDATE_DOCS=1 dotnet test tests/GoSynth.Builder.Tests --filter ConfigurationReference -->");
        Line();
        Line($"GoSynth reads dsynth's configuration file, `{DsynthConfiguration.FileName}`, from the directory given with `-C`, else the first of "
             + string.Join(", ", DsynthConfiguration.SearchDirectories.Select(d => $"`{d}`")) + " that holds one. `gosynth init` writes one with every");
        Line("key below (the optional ones commented out) and never overwrites an existing file.");
        Line();
        Line("```ini");
        Line($"[{ConfigurationKeys.GlobalSection}]");
        Line($"{ConfigurationKeys.ProfileSelected} = {BuilderOptions.DefaultProfile}");
        Line();
        Line($"[{BuilderOptions.DefaultProfile}]");
        Line("Directory_portsdir = /usr/ports");
        Line("Number_of_builders = 4");
        Line("```");
        Line();
        Line($"- `{ConfigurationKeys.ProfileSelected}` (only in `[{ConfigurationKeys.GlobalSection}]`, default `{BuilderOptions.DefaultProfile}`) names the profile section in use;");
        Line("  dsynth's `-p profile` flag overrides it. Keys in `[Global Configuration]` apply to every profile; the selected");
        Line("  profile's own keys override them.");
        Line($"- The profile's make.conf, `{DsynthConfiguration.MakeConfFileName("<profile>")}` next to {DsynthConfiguration.FileName}, is appended to each slot's make.conf.");
        Line("- Keys match without regard to case. Booleans are `true false 1 0 yes no`. A value with a space, a key set twice,");
        Line("  an unknown key in any section (with a did-you-mean hint) and a missing selected profile are errors naming the");
        Line("  file and line; dsynth silently keeps the first word, the last value or its defaults.");
        Line("- Paths must be absolute.");
        Line();
        Line("| key | default | meaning | dsynth |");
        Line("|---|---|---|---|");
        foreach (var key in ConfigurationKeys.All)
        {
            var value = ConfigurationKeyDefaults.Of(key.Name);
            var shown = value.IsLiteral ? $"`{value.Text}`" : value.Text;
            Line($"| `{key.Name}` | {Cell(shown)} | {Cell(key.Comment)} | {(key.GoSynthOnly ? "GoSynth only" : "yes")} |");
        }

        Line();
        Line("Keys marked *GoSynth only* would be rejected by dsynth: keep them out of a file dsynth also reads.");
        return text.ToString();
    }

    /// <summary>A table cell: pipes escaped, and angle brackets outside code spans written as entities so they show.</summary>
    private static string Cell(string value)
    {
        var parts = value.Replace("|", "\\|", StringComparison.Ordinal).Split('`');
        for (var i = 0; i < parts.Length; i += 2)
        {
            parts[i] = parts[i].Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        }

        return string.Join('`', parts);
    }
}
