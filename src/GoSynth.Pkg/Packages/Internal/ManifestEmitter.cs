using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>Writes manifests and catalog lines as compact JSON in pkg's key order, omitting empty fields.</summary>
internal static class ManifestEmitter
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    public static byte[] ToBytes(PackageManifest manifest, bool full, CatalogFields? catalog = null)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            Write(writer, manifest, full, catalog);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter w, PackageManifest m, bool full, CatalogFields? catalog)
    {
        w.WriteStartObject();
        w.WriteString("name", m.Name);
        Optional(w, "origin", m.Origin);
        w.WriteString("version", m.Version);
        Optional(w, "comment", m.Comment);
        Optional(w, "maintainer", m.Maintainer);
        Optional(w, "www", m.Www);
        Optional(w, "abi", m.Abi);
        Optional(w, "arch", m.Arch);
        Optional(w, "prefix", m.Prefix);
        if (catalog is { } c1)
        {
            w.WriteString("sum", c1.Sum);
        }

        w.WriteNumber("flatsize", m.FlatSize);
        Optional(w, "dep_formula", m.DependencyFormula);
        if (catalog is { } c2)
        {
            w.WriteString("path", c2.Path);
            w.WriteString("repopath", c2.RepoPath);
        }

        Optional(w, "licenselogic", m.LicenseLogic);
        Strings(w, "licenses", m.Licenses);
        if (catalog is { } c3)
        {
            w.WriteNumber("pkgsize", c3.PackageSize);
        }

        if (m.Vital == true)
        {
            w.WriteBoolean("vital", true);
        }

        Optional(w, "desc", m.Description is null ? null : UrlCoding.Encode(m.Description));
        if (m.Dependencies.Count > 0)
        {
            w.WriteStartObject("deps");
            foreach (var d in m.Dependencies)
            {
                w.WriteStartObject(d.Name);
                w.WriteString("origin", d.Origin);
                w.WriteString("version", d.Version);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        Strings(w, "categories", m.Categories);
        Strings(w, "users", m.Users);
        Strings(w, "groups", m.Groups);
        Strings(w, "shlibs_required", m.ShlibsRequired);
        Strings(w, "shlibs_required_ignore", m.ShlibsRequiredIgnore);
        Strings(w, "shlibs_provided", m.ShlibsProvided);
        Strings(w, "shlibs_provided_ignore", m.ShlibsProvidedIgnore);
        Strings(w, "conflicts", m.Conflicts);
        Strings(w, "provides", m.Provides);
        Strings(w, "requires", m.Requires);
        Pairs(w, "options", m.Options);
        Pairs(w, "annotations", m.Annotations);
        if (full)
        {
            WriteFull(w, m);
        }

        if (m.Messages.Count > 0)
        {
            w.WriteStartArray("messages");
            foreach (var message in m.Messages)
            {
                w.WriteStartObject();
                w.WriteString("message", message.Text);
                Optional(w, "type", message.Type);
                Optional(w, "minimum_version", message.MinimumVersion);
                Optional(w, "maximum_version", message.MaximumVersion);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteFull(Utf8JsonWriter w, PackageManifest m)
    {
        if (m.Files.Count > 0)
        {
            w.WriteStartObject("files");
            foreach (var f in m.Files)
            {
                var key = UrlCoding.Encode(f.Path);
                if (m.FilesForm == PackageFilesForm.Legacy)
                {
                    w.WriteString(key, f.Sum);
                    continue;
                }

                w.WriteStartObject(key);
                w.WriteString("sum", string.IsNullOrEmpty(f.Sum) ? "-" : f.Sum);
                w.WriteString("uname", f.UName ?? "root");
                w.WriteString("gname", f.GName ?? "wheel");
                w.WriteString("perm", FormatPermissions(f.Permissions ?? 0x1A4));
                Optional(w, "fflags", f.FileFlags);
                Optional(w, "symlink_target", f.SymlinkTarget is null ? null : UrlCoding.Encode(f.SymlinkTarget));
                if (f.ModificationTime is { } mtime)
                {
                    w.WriteNumber("mtime", mtime);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (m.Config.Count > 0)
        {
            w.WriteStartArray("config");
            foreach (var c in m.Config)
            {
                w.WriteStringValue(UrlCoding.Encode(c));
            }

            w.WriteEndArray();
        }

        if (m.Directories.Count > 0)
        {
            w.WriteStartObject("directories");
            foreach (var d in m.Directories)
            {
                var key = UrlCoding.Encode(d.Path);
                if (m.FilesForm == PackageFilesForm.Legacy)
                {
                    w.WriteString(key, "y");
                    continue;
                }

                w.WriteStartObject(key);
                w.WriteString("uname", d.UName ?? "root");
                w.WriteString("gname", d.GName ?? "wheel");
                w.WriteString("perm", FormatPermissions(d.Permissions ?? 0x1ED));
                Optional(w, "fflags", d.FileFlags);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (m.Scripts.Count > 0)
        {
            w.WriteStartObject("scripts");
            foreach (var s in m.Scripts)
            {
                w.WriteString(s.Key, UrlCoding.Encode(s.Value));
            }

            w.WriteEndObject();
        }

        if (m.LuaScripts.Count > 0)
        {
            w.WriteStartObject("lua_scripts");
            foreach (var s in m.LuaScripts)
            {
                w.WriteStartArray(s.Key);
                foreach (var text in s.Value)
                {
                    w.WriteStringValue(text);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }
    }

    public static string FormatPermissions(int mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');

    private static void Optional(Utf8JsonWriter w, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(key, value);
        }
    }

    private static void Strings(Utf8JsonWriter w, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(key);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Pairs(Utf8JsonWriter w, string key, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartObject(key);
        foreach (var pair in values)
        {
            w.WriteString(pair.Key, pair.Value);
        }

        w.WriteEndObject();
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
