using System.CommandLine;
using System.Reflection;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth version</c>: prints the version of the CLI.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print gosynth's version.");
        command.SetAction(parseResult =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine("gosynth " + version);
            return ExitCodes.Success;
        });
        return command;
    }
}
