using System.Text;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>The <c>meta</c> / <c>meta.conf</c> text of a v2 repository, and a reader for its <c>key = value;</c> lines.</summary>
internal static class MetaConf
{
    /// <summary>The keys and values pkg 2.x writes by default, in its order.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Defaults =
    [
        KeyValuePair.Create("version", "2"),
        KeyValuePair.Create("packing_format", "\"tzst\""),
        KeyValuePair.Create("manifests", "\"packagesite.yaml\""),
        KeyValuePair.Create("data", "\"data\""),
        KeyValuePair.Create("filesite", "\"filesite.yaml\""),
        KeyValuePair.Create("manifests_archive", "\"packagesite\""),
        KeyValuePair.Create("filesite_archive", "\"filesite\""),
    ];

    public static byte[] Render()
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in Defaults)
        {
            builder.Append(key).Append(" = ").Append(value).Append(";\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Reads UCL configuration lines <c>key = value;</c> (also <c>key: value</c>, quotes optional, <c>#</c> comments).</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var sep = line.IndexOfAny(['=', ':']);
            if (sep <= 0)
            {
                continue;
            }

            var key = line[..sep].Trim();
            var value = line[(sep + 1)..].Trim().TrimEnd(';', ',').Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }

            result[key] = value;
        }

        return result;
    }
}
