using System.Text;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Writes a catalog line as <c>pkg repo</c> does: it reads a package's compact manifest into its own structures and
/// emits them again, so what it normalises is normalised here too. Categories, licenses, users, groups, shared
/// libraries (and their ignore lists), provides and requires are sorted bytewise (pkg sorts them before emitting);
/// dependencies, conflicts, options and annotations keep the package's order; duplicates keep the first; the
/// internal annotations <c>repository</c> and <c>relocated</c> are dropped; <c>dual</c>/<c>multi</c> license logic is
/// written <c>or</c>/<c>and</c>; <c>arch</c> is derived from <c>abi</c>; the description and message texts are trimmed; <c>pkgsize</c> is written only when
/// positive; strings are escaped as libucl escapes them.
/// </summary>
internal static class CatalogLineWriter
{
    private static readonly Comparer<string> s_bytewise = Comparer<string>.Create(
        (a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

    private static readonly char[] s_trim = [' ', '\t', '\n', '\r', '\v', '\f'];

    public static byte[] Write(CatalogEntry entry)
    {
        var m = entry.Manifest;
        var w = new UclJsonWriter();
        w.StartObject();
        w.String("name", m.Name);
        Optional(w, "origin", m.Origin);
        w.String("version", m.Version);
        Optional(w, "comment", m.Comment);
        Optional(w, "maintainer", m.Maintainer);
        Optional(w, "www", m.Www);
        var abi = string.IsNullOrEmpty(m.Abi) ? m.Arch : m.Abi;
        Optional(w, "abi", abi);
        Optional(w, "arch", string.IsNullOrEmpty(abi) ? null : LegacyArch.From(abi));
        Optional(w, "prefix", m.Prefix);
        Optional(w, "sum", entry.Sum);
        w.Number("flatsize", m.FlatSize);
        Optional(w, "dep_formula", m.DependencyFormula);
        w.String("path", entry.RepoPath);
        w.String("repopath", entry.RepoPath);
        Optional(w, "licenselogic", LicenseLogic(m.LicenseLogic));
        Strings(w, "licenses", Sorted(m.Licenses));
        if (entry.PackageSize > 0)
        {
            w.Number("pkgsize", entry.PackageSize);
        }

        if (m.Vital == true)
        {
            w.Boolean("vital", true);
        }

        if (m.Description is not null)
        {
            w.String("desc", UrlCoding.Encode(m.Description).Trim(s_trim));
        }

        Dependencies(w, m.Dependencies);
        Strings(w, "categories", Sorted(m.Categories));
        Strings(w, "users", Sorted(m.Users));
        Strings(w, "groups", Sorted(m.Groups));
        Strings(w, "shlibs_required", Sorted(m.ShlibsRequired));
        Strings(w, "shlibs_required_ignore", Sorted(m.ShlibsRequiredIgnore));
        Strings(w, "shlibs_provided", Sorted(m.ShlibsProvided));
        Strings(w, "shlibs_provided_ignore", Sorted(m.ShlibsProvidedIgnore));
        Strings(w, "conflicts", m.Conflicts.Distinct(StringComparer.Ordinal).ToList());
        Strings(w, "provides", Sorted(m.Provides));
        Strings(w, "requires", Sorted(m.Requires));
        Pairs(w, "options", m.Options);
        Pairs(w, "annotations", m.Annotations.Where(a => a.Key is not ("repository" or "relocated")).ToList());
        Messages(w, m.Messages);
        w.EndObject();
        return w.Written.ToArray();
    }

    private static string? LicenseLogic(string? logic) => logic switch
    {
        "dual" => "or",
        "multi" => "and",
        _ => logic,
    };

    private static List<string> Sorted(IReadOnlyList<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToList();
        list.Sort(s_bytewise);
        return list;
    }

    private static void Dependencies(UclJsonWriter w, IReadOnlyList<PackageDependency> deps)
    {
        if (deps.Count == 0)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        w.StartObject("deps");
        foreach (var d in deps.Where(d => seen.Add(d.Name)))
        {
            w.StartObject(d.Name);
            w.String("origin", d.Origin);
            w.String("version", d.Version);
            w.EndObject();
        }

        w.EndObject();
    }

    private static void Messages(UclJsonWriter w, IReadOnlyList<PackageMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        w.StartArray("messages");
        foreach (var message in messages)
        {
            w.StartObject();
            w.String("message", message.Text.Trim(s_trim));
            if (message.Type is "install" or "upgrade" or "remove")
            {
                w.String("type", message.Type);
            }

            Optional(w, "maximum_version", message.MaximumVersion);
            Optional(w, "minimum_version", message.MinimumVersion);
            w.EndObject();
        }

        w.EndArray();
    }

    private static void Optional(UclJsonWriter w, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.String(key, value);
        }
    }

    private static void Strings(UclJsonWriter w, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.StartArray(key);
        foreach (var v in values)
        {
            w.String(null, v);
        }

        w.EndArray();
    }

    private static void Pairs(UclJsonWriter w, string key, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        w.StartObject(key);
        foreach (var pair in values.Where(p => seen.Add(p.Key)))
        {
            w.String(pair.Key, pair.Value);
        }

        w.EndObject();
    }
}
