using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GoSynth.Testing.Internal;

/// <summary>Writes generated ports as files: Mk/, category Makefiles, and per port Makefile, distinfo, pkg-descr.</summary>
internal static class PortsTreeWriter
{
    private static readonly string[] s_kinds = ["FETCH", "EXTRACT", "PATCH", "BUILD", "LIB", "RUN"];

    public static void Write(string directory, List<GeneratedPort> ports, string frameworkDirectory, bool buildable = false)
    {
        Directory.CreateDirectory(directory);
        CopyDirectory(frameworkDirectory, Path.Combine(directory, "Mk"));
        if (buildable)
        {
            Directory.CreateDirectory(Path.Combine(directory, "distfiles"));
        }

        // Many small files: written in parallel, which matters on disks with slow metadata operations.
        Parallel.ForEach(
            ports,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, System.Environment.ProcessorCount * 2) },
            () => new StringBuilder(2048),
            (port, _, builder) =>
            {
                var portDirectory = Path.Combine(directory, port.Category, port.Name);
                Directory.CreateDirectory(portDirectory);
                File.WriteAllText(Path.Combine(portDirectory, "Makefile"), Makefile(builder, port, buildable));
                File.WriteAllText(Path.Combine(portDirectory, "pkg-descr"), $"{port.Name} is a generated port ({port.Origin}).\nIt exists to give GoSynth a realistic dependency graph to scan.\n");
                if (!port.IsMeta && buildable)
                {
                    var archive = BuildableDistfiles.Archive(port);
                    File.WriteAllBytes(Path.Combine(directory, "distfiles", BuildableDistfiles.FileName(port)), archive);
                    File.WriteAllText(Path.Combine(portDirectory, "distinfo"), BuildableDistfiles.Distinfo(port, archive));
                }
                else if (!port.IsMeta)
                {
                    File.WriteAllText(Path.Combine(portDirectory, "distinfo"), Distinfo(builder, port));
                }

                return builder;
            },
            _ => { });

        var builder = new StringBuilder(2048);
        var categories = ports.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var category in categories)
        {
            builder.Clear().Append("COMMENT=\tGenerated category ").Append(category.Key).Append("\n\n");
            foreach (var port in category.Select(p => p.Name).Order(StringComparer.Ordinal))
            {
                builder.Append("SUBDIR+=\t").Append(port).Append('\n');
            }

            File.WriteAllText(Path.Combine(directory, category.Key, "Makefile"), builder.Append("\n.include <bsd.port.subdir.mk>\n").ToString());
        }

        builder.Clear().Append("# A generated ports tree.\n\n");
        foreach (var category in categories)
        {
            builder.Append("SUBDIR+=\t").Append(category.Key).Append('\n');
        }

        File.WriteAllText(Path.Combine(directory, "Makefile"), builder.Append("\n.include <bsd.port.subdir.mk>\n").ToString());
    }

    private static string Makefile(StringBuilder b, GeneratedPort port, bool buildable)
    {
        b.Clear()
            .Append("PORTNAME=\t").Append(port.Name).Append('\n')
            .Append("PORTVERSION=\t").Append(port.Version).Append('\n');
        if (port.Revision > 0)
        {
            b.Append("PORTREVISION=\t").Append(port.Revision.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        b.Append("CATEGORIES=\t").Append(port.Category).Append('\n')
            .Append("MAINTAINER=\tports@gosynth.example.org\n")
            .Append("COMMENT=\tGenerated port number ").Append(port.Index.ToString(CultureInfo.InvariantCulture)).Append("\n\n");

        foreach (var kind in s_kinds)
        {
            AppendList(b, kind + "_DEPENDS=", port.Dependencies.Where(d => d.Kind == kind && !d.ViaOption).Select(d => d.Text));
        }

        if (port.IsMeta)
        {
            b.Append("\nUSES=\t\tmetaport\n");
        }
        else if (port.UsesLocalbase)
        {
            b.Append("\nUSES=\t\tlocalbase compiler:c11\n");
        }

        if (port.Flavors.Count > 0)
        {
            b.Append("\nFLAVORS=\t").Append(string.Join(' ', port.Flavors)).Append('\n');
            foreach (var flavor in port.Flavors.Skip(1))
            {
                b.Append(flavor).Append("_PKGNAMEPREFIX=\t").Append(flavor).Append("-\n");
            }
        }

        if (port.HasOptions)
        {
            b.Append("\nOPTIONS_DEFINE=\tDOCS EXAMPLES NLS\nOPTIONS_DEFAULT=\tDOCS\nNLS_CFLAGS=\t-DENABLE_NLS\n");
            AppendList(b, "DOCS_BUILD_DEPENDS=", port.Dependencies.Where(d => d.ViaOption).Select(d => d.Text));
        }

        if (buildable && !port.IsMeta)
        {
            b.Append('\n').Append(BuildableDistfiles.MakefileLines);
        }

        if (port.IsIgnored)
        {
            b.Append("\nIGNORE=\t\tgenerated as ignored: does not support this target\n");
        }

        return b.Append("\n.include <bsd.port.mk>\n").ToString();
    }

    private static void AppendList(StringBuilder b, string variable, IEnumerable<string> tokens)
    {
        var first = true;
        foreach (var token in tokens)
        {
            b.Append(first ? variable + "\t" : " \\\n\t\t").Append(token);
            first = false;
        }

        if (!first)
        {
            b.Append('\n');
        }
    }

    private static string Distinfo(StringBuilder b, GeneratedPort port)
    {
        var file = port.Name + "-" + port.Version + ".tar.gz";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(port.Origin + "@" + port.Version));
        var size = 1024 + (BitConverter.ToInt32(hash, 0) & 0x7FFFF);
        return b.Clear()
            .Append("TIMESTAMP = 1735689600\n")
            .Append("SHA256 (").Append(file).Append(") = ").Append(Convert.ToHexStringLower(hash)).Append('\n')
            .Append("SIZE (").Append(file).Append(") = ").Append(size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .ToString();
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var sub in Directory.EnumerateDirectories(source))
        {
            CopyDirectory(sub, Path.Combine(destination, Path.GetFileName(sub)));
        }
    }
}
