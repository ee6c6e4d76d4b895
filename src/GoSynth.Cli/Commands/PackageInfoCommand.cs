using System.CommandLine;
using System.Globalization;
using System.Text;
using GoSynth.Cli.Hosting;
using GoSynth.Pkg.Packages;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth package-info &lt;file.pkg&gt; [--json] [--files]</c>: prints a package file's manifest (and file
/// list) on hosts without pkg(8).</summary>
internal static class PackageInfoCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var file = new Argument<FileInfo>("package") { Description = "The package file (.pkg, .txz, .tzst, .tgz, .tar)." };
        var json = new Option<bool>("--json") { Description = "Print the manifest as pkg's compact JSON (the full +MANIFEST with --files)." };
        var files = new Option<bool>("--files") { Description = "Also list the files the package installs." };
        var command = new Command("package-info", "Print a package file's manifest and file list (no pkg needed).");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(files);
        CliAction.Set(command, global, host, async invocation =>
        {
            var r = invocation.Parse;
            var ct = invocation.CancellationToken;
            var output = invocation.Output;
            var path = r.GetValue(file)!.FullName;
            try
            {
                if (r.GetValue(json))
                {
                    var manifest = await PackageReader.ReadManifestAsync(path, ct).ConfigureAwait(false);
                    var bytes = r.GetValue(files) ? PackageManifestSerializer.ToFullJson(manifest) : PackageManifestSerializer.ToCompactJson(manifest);
                    await output.WriteLineAsync(Encoding.UTF8.GetString(bytes)).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                // Without --files only the manifests at the head are read: the payload is never decompressed.
                var contents = r.GetValue(files)
                    ? await PackageReader.ReadContentsAsync(path, ct).ConfigureAwait(false)
                    : await PackageReader.ReadSummaryAsync(path, ct).ConfigureAwait(false);
                await output.WriteAsync(Describe(contents, r.GetValue(files))).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is PackageFormatException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                await invocation.ErrorLineAsync(CliErrors.OneLine(ex.Message)).ConfigureAwait(false);
                return ex is PackageFormatException ? ExitCodes.Failure : ExitCodes.Usage;
            }
        });
        return command;
    }

    internal static string Describe(PackageContents contents, bool withFiles)
    {
        var m = contents.Manifest;
        var text = new StringBuilder();
        void Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(CultureInfo.InvariantCulture, $"{label,-16}: {value}\n");
            }
        }

        Line("Name", m.Name);
        Line("Version", m.Version);
        Line("Origin", m.Origin);
        Line("Comment", m.Comment);
        Line("Maintainer", m.Maintainer);
        Line("WWW", m.Www);
        Line("ABI", m.Abi);
        Line("Arch", m.Arch);
        Line("Prefix", m.Prefix);
        Line("Flat size", m.FlatSize.ToString(CultureInfo.InvariantCulture) + " B");
        Line("Licenses", m.Licenses.Count == 0 ? null : string.Join(m.LicenseLogic == "or" ? " | " : " & ", m.Licenses));
        Line("Categories", string.Join(' ', m.Categories));
        Line("Compression", contents.Compression.ToString().ToLowerInvariant());
        Line("Files form", m.FilesForm == PackageFilesForm.Legacy ? "pre-2.4 (checksum strings)" : "2.4+ (objects)");
        Line("Depends on", string.Join(", ", m.Dependencies.Select(d => $"{d.Name}-{d.Version} ({d.Origin})")));
        Line("Options", string.Join(' ', m.Options.Select(o => $"{o.Key}={o.Value}")));
        Line("Shlibs required", string.Join(' ', m.ShlibsRequired));
        Line("Shlibs provided", string.Join(' ', m.ShlibsProvided));
        Line("Annotations", string.Join(' ', m.Annotations.Select(a => $"{a.Key}={a.Value}")));
        Line("Scripts", string.Join(' ', m.Scripts.Select(s => s.Key).Concat(m.LuaScripts.Select(s => s.Key + " (lua)"))));
        if (!string.IsNullOrEmpty(m.Description))
        {
            text.Append("Description     :\n").Append(m.Description.TrimEnd('\n')).Append('\n');
        }

        foreach (var message in m.Messages)
        {
            text.Append(CultureInfo.InvariantCulture, $"Message{(message.Type is null ? "" : " (" + message.Type + ")")}:\n").Append(message.Text.TrimEnd('\n')).Append('\n');
        }

        if (withFiles)
        {
            text.Append("Files:\n");
            foreach (var entry in contents.Entries)
            {
                var mode = Convert.ToString(entry.Permissions, 8).PadLeft(4, '0');
                var suffix = entry.LinkTarget is null ? "" : " -> " + entry.LinkTarget;
                var size = entry.Kind == PackageEntryKind.File ? entry.Length.ToString(CultureInfo.InvariantCulture) : "-";
                text.Append(CultureInfo.InvariantCulture, $"  {KindLetter(entry.Kind)} {mode} {size,10} {entry.Name}{suffix}\n");
            }
        }

        return text.ToString();
    }

    private static char KindLetter(PackageEntryKind kind) => kind switch
    {
        PackageEntryKind.Directory => 'd',
        PackageEntryKind.Symlink => 'l',
        PackageEntryKind.HardLink => 'h',
        PackageEntryKind.File => '-',
        _ => '?',
    };
}
