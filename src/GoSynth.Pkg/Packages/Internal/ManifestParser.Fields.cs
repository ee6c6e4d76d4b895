using System.Text.Json;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>Readers for the structured manifest fields (deps, files, directories, scripts, messages).</summary>
internal static partial class ManifestParser
{
    private static PackageDependency[] Dependencies(JsonElement v)
    {
        RequireObject(v, "deps");
        var list = new List<PackageDependency>();
        foreach (var p in v.EnumerateObject())
        {
            RequireObject(p.Value, "deps." + p.Name);
            string origin = "", version = "";
            foreach (var f in p.Value.EnumerateObject())
            {
                if (f.Name == "origin")
                {
                    origin = Text(f.Value, "deps." + p.Name + ".origin");
                }
                else if (f.Name == "version")
                {
                    version = Text(f.Value, "deps." + p.Name + ".version");
                }
            }

            list.Add(new PackageDependency(p.Name, origin, version));
        }

        return [.. list];
    }

    private static (PackageFile[] Files, PackageFilesForm Form) Files(JsonElement v)
    {
        RequireObject(v, "files");
        var list = new List<PackageFile>();
        var form = PackageFilesForm.Object;
        var sawLegacy = false;
        foreach (var p in v.EnumerateObject())
        {
            var path = UrlCoding.Decode(p.Name);
            if (p.Value.ValueKind == JsonValueKind.String)
            {
                sawLegacy = true;
                list.Add(new PackageFile(path, p.Value.GetString()!));
                continue;
            }

            RequireObject(p.Value, "files." + p.Name);
            var file = new PackageFile(path, "-");
            foreach (var f in p.Value.EnumerateObject())
            {
                var key = "files." + p.Name + "." + f.Name;
                file = f.Name switch
                {
                    "sum" => file with { Sum = Text(f.Value, key) },
                    "uname" => file with { UName = Text(f.Value, key) },
                    "gname" => file with { GName = Text(f.Value, key) },
                    "perm" => file with { Permissions = Permissions(f.Value, key) },
                    "fflags" => file with { FileFlags = Text(f.Value, key) },
                    "symlink_target" => file with { SymlinkTarget = UrlCoding.Decode(Text(f.Value, key)) },
                    "mtime" => file with { ModificationTime = Number(f.Value, key) },
                    _ => file,
                };
            }

            list.Add(file);
        }

        if (sawLegacy)
        {
            form = PackageFilesForm.Legacy;
        }

        return ([.. list], form);
    }

    private static PackageDirectory[] Directories(JsonElement v)
    {
        RequireObject(v, "directories");
        var list = new List<PackageDirectory>();
        foreach (var p in v.EnumerateObject())
        {
            var dir = new PackageDirectory(UrlCoding.Decode(p.Name));
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var f in p.Value.EnumerateObject())
                {
                    var key = "directories." + p.Name + "." + f.Name;
                    dir = f.Name switch
                    {
                        "uname" => dir with { UName = Text(f.Value, key) },
                        "gname" => dir with { GName = Text(f.Value, key) },
                        "perm" => dir with { Permissions = Permissions(f.Value, key) },
                        "fflags" => dir with { FileFlags = Text(f.Value, key) },
                        _ => dir,
                    };
                }
            }

            list.Add(dir);
        }

        return [.. list];
    }

    private static int Permissions(JsonElement v, string key)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
        {
            return n; // a number is taken as the mode value itself
        }

        var text = Text(v, key);
        try
        {
            var mode = Convert.ToInt32(text, 8);
            if (mode is < 0 or > 0xFFF)
            {
                throw new ManifestShapeException($"'{key}' is out of range: '{text}'");
            }

            return mode;
        }
        catch (FormatException)
        {
            throw new ManifestShapeException($"'{key}' must be octal permission text, found '{text}'");
        }
    }

    private static KeyValuePair<string, IReadOnlyList<string>>[] LuaScripts(JsonElement v)
    {
        RequireObject(v, "lua_scripts");
        var list = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var p in v.EnumerateObject())
        {
            list.Add(KeyValuePair.Create<string, IReadOnlyList<string>>(p.Name, Strings(p.Value, "lua_scripts." + p.Name)));
        }

        return [.. list];
    }

    private static void Messages(JsonElement v, List<PackageMessage> into)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(new PackageMessage(v.GetString()!)); // pkg before 1.10: one plain message
                return;
            case JsonValueKind.Array:
                foreach (var item in v.EnumerateArray())
                {
                    Messages(item, into);
                }

                return;
            case JsonValueKind.Object:
                string? text = null, type = null, min = null, max = null;
                foreach (var f in v.EnumerateObject())
                {
                    switch (f.Name)
                    {
                        case "message": text = Text(f.Value, "messages.message"); break;
                        case "type": type = Text(f.Value, "messages.type"); break;
                        case "minimum_version": min = Text(f.Value, "messages.minimum_version"); break;
                        case "maximum_version": max = Text(f.Value, "messages.maximum_version"); break;
                        default: break;
                    }
                }

                into.Add(new PackageMessage(text ?? throw new ManifestShapeException("a message has no 'message' text"), type, min, max));
                return;
            default:
                throw new ManifestShapeException($"'messages' must be an array, found {v.ValueKind}");
        }
    }
}
