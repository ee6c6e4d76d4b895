using System.Globalization;
using System.Text.Json;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>Reads the JSON pkg writes for manifests and catalog lines into a <see cref="PackageManifest"/>.</summary>
internal static partial class ManifestParser
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Thrown inside the parser; the public entry points turn it into a <see cref="PackageFormatException"/>.</summary>
    internal sealed class ManifestShapeException(string message) : Exception(message);

    public static JsonDocument OpenDocument(ReadOnlyMemory<byte> utf8Json, string filePath, string? entryName)
    {
        if (FirstInvalidUtf8(utf8Json.Span) is { } offset)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, entryName,
                $"manifest is not valid UTF-8 (bad byte at offset {offset})");
        }

        try
        {
            var document = JsonDocument.Parse(utf8Json, s_options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, entryName, "manifest is not a JSON object");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new PackageFormatException(
                PackageErrorKind.BadManifest, filePath, entryName, $"manifest is not JSON ({ex.Message})", ex);
        }
    }

    public static PackageManifest Parse(JsonElement root, string filePath, string? entryName)
    {
        try
        {
            return ParseCore(root);
        }
        catch (ManifestShapeException ex)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, entryName, ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement's answer to a string it cannot transcode or a value of another kind than asked.
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, entryName, $"manifest has an unreadable value ({ex.Message})", ex);
        }
    }

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or null when all is valid.</summary>
    public static int? FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return null;
        }

        Span<char> chars = stackalloc char[256];
        var offset = 0;
        while (true)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(utf8[offset..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                return offset;
            }
        }
    }

    private static PackageManifest ParseCore(JsonElement root)
    {
        string? name = null, version = null;
        var manifest = new PackageManifest { Name = "", Version = "" };
        var messages = new List<PackageMessage>();
        foreach (var property in root.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name)
            {
                case "name": name = Text(v, "name"); break;
                case "version": version = Text(v, "version"); break;
                case "origin": manifest = manifest with { Origin = Text(v, "origin") }; break;
                case "comment": manifest = manifest with { Comment = Text(v, "comment") }; break;
                case "maintainer": manifest = manifest with { Maintainer = Text(v, "maintainer") }; break;
                case "www": manifest = manifest with { Www = Text(v, "www") }; break;
                case "abi": manifest = manifest with { Abi = Text(v, "abi") }; break;
                case "arch": manifest = manifest with { Arch = Text(v, "arch") }; break;
                case "prefix": manifest = manifest with { Prefix = Text(v, "prefix") }; break;
                case "flatsize": manifest = manifest with { FlatSize = Number(v, "flatsize") }; break;
                case "dep_formula": manifest = manifest with { DependencyFormula = Text(v, "dep_formula") }; break;
                case "licenselogic": manifest = manifest with { LicenseLogic = Text(v, "licenselogic") }; break;
                case "licenses": manifest = manifest with { Licenses = Strings(v, "licenses") }; break;
                case "vital": manifest = manifest with { Vital = Bool(v, "vital") }; break;
                case "desc": manifest = manifest with { Description = UrlCoding.Decode(Text(v, "desc")) }; break;
                case "deps": manifest = manifest with { Dependencies = Dependencies(v) }; break;
                case "categories": manifest = manifest with { Categories = Strings(v, "categories") }; break;
                case "users": manifest = manifest with { Users = Strings(v, "users") }; break;
                case "groups": manifest = manifest with { Groups = Strings(v, "groups") }; break;
                case "shlibs_required": manifest = manifest with { ShlibsRequired = Strings(v, "shlibs_required") }; break;
                case "shlibs_required_ignore": manifest = manifest with { ShlibsRequiredIgnore = Strings(v, "shlibs_required_ignore") }; break;
                case "shlibs_provided": manifest = manifest with { ShlibsProvided = Strings(v, "shlibs_provided") }; break;
                case "shlibs_provided_ignore": manifest = manifest with { ShlibsProvidedIgnore = Strings(v, "shlibs_provided_ignore") }; break;
                case "conflicts": manifest = manifest with { Conflicts = Strings(v, "conflicts") }; break;
                case "provides": manifest = manifest with { Provides = Strings(v, "provides") }; break;
                case "requires": manifest = manifest with { Requires = Strings(v, "requires") }; break;
                case "options": manifest = manifest with { Options = Pairs(v, "options") }; break;
                case "annotations": manifest = manifest with { Annotations = Pairs(v, "annotations") }; break;
                case "files":
                    var (files, form) = Files(v);
                    manifest = manifest with { Files = files, FilesForm = form };
                    break;
                case "config": manifest = manifest with { Config = Strings(v, "config").Select(UrlCoding.Decode).ToArray() }; break;
                case "directories": manifest = manifest with { Directories = Directories(v) }; break;
                case "scripts":
                    manifest = manifest with
                    {
                        Scripts = Pairs(v, "scripts").Select(p => KeyValuePair.Create(p.Key, UrlCoding.Decode(p.Value))).ToArray(),
                    };
                    break;
                case "lua_scripts": manifest = manifest with { LuaScripts = LuaScripts(v) }; break;
                case "messages": Messages(v, messages); break;
                case "message": Messages(v, messages); break;
                default: break; // unknown keys (and catalog-only keys) are ignored, as pkg does
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            throw new ManifestShapeException("manifest has no 'name'");
        }

        if (string.IsNullOrEmpty(version))
        {
            throw new ManifestShapeException("manifest has no 'version'");
        }

        return manifest with { Name = name, Version = version, Messages = messages };
    }

    internal static string Text(JsonElement v, string key) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new ManifestShapeException($"'{key}' must be a string, found {v.ValueKind}"),
    };

    internal static long Number(JsonElement v, string key)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
        {
            return n;
        }

        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw new ManifestShapeException($"'{key}' must be an integer, found {v.GetRawText()}");
    }

    private static bool Bool(JsonElement v, string key) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when v.GetString() is "true" or "yes" or "on" => true,
        JsonValueKind.String when v.GetString() is "false" or "no" or "off" => false,
        _ => throw new ManifestShapeException($"'{key}' must be a boolean, found {v.GetRawText()}"),
    };

    private static string[] Strings(JsonElement v, string key)
    {
        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!]; // UCL lets a single value stand for a one-element array
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new ManifestShapeException($"'{key}' must be an array of strings, found {v.ValueKind}");
        }

        var list = new string[v.GetArrayLength()];
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            list[i++] = Text(item, key);
        }

        return list;
    }

    private static KeyValuePair<string, string>[] Pairs(JsonElement v, string key)
    {
        RequireObject(v, key);
        var list = new List<KeyValuePair<string, string>>();
        foreach (var p in v.EnumerateObject())
        {
            list.Add(KeyValuePair.Create(p.Name, Text(p.Value, key + "." + p.Name)));
        }

        return [.. list];
    }

    private static void RequireObject(JsonElement v, string key)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestShapeException($"'{key}' must be an object, found {v.ValueKind}");
        }
    }
}
