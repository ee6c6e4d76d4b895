using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using GoSynth.Cli.Json;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth version [--json]</c>: prints the version of the CLI (also <c>-v</c>/<c>--version</c>).</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the version as JSON (schema in docs/cli.md)." };
        var command = new Command("version", "Print gosynth's version.") { json };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                var document = new VersionDocument(
                    "gosynth.version/1", "gosynth", Version, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription,
                    RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());
                output.WriteLine(JsonSerializer.Serialize(document, CliJson.Context.VersionDocument));
            }
            else
            {
                output.WriteLine("gosynth " + Version);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static string Version => typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
