using System.CommandLine;
using GoSynth.Builder.Configuration;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth [-C dir] init [--build-root DIR] [--ports-dir DIR]</c>: writes a commented dsynth.ini and the profile's
/// make.conf and creates the directories they name; an existing configuration is never overwritten.
/// </summary>
internal static class InitCommand
{
    public static Command Create(GlobalOptions global)
    {
        var buildRoot = new Option<string?>("--build-root")
        {
            Description = "Put the packages, options, distfiles, build base and logs under this directory instead of /build/synth.",
        };
        var portsDir = new Option<string?>("--ports-dir") { Description = "The ports tree to write as Directory_portsdir." };
        var command = new Command("init", "Write a commented dsynth.ini and create the directories it names (never overwrites).")
        {
            buildRoot, portsDir,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var directory = parseResult.GetValue(global.ConfigDirectory);
            try
            {
                if (directory is null)
                {
                    // Without -C, as dsynth: refuse when a configuration exists in any place a build would look.
                    foreach (var existing in DsynthConfiguration.SearchDirectories.Select(d => Path.Combine(d, DsynthConfiguration.FileName)).Where(File.Exists))
                    {
                        throw new BuilderConfigurationException("a configuration exists already; GoSynth does not overwrite it. Edit it, or move it away and run init again.", existing);
                    }
                }

                var options = new BuilderOptions();
                if (parseResult.GetValue(buildRoot) is { } root)
                {
                    root = Path.GetFullPath(root);
                    options.PackagesDirectory = Path.Combine(root, "live_packages");
                    options.OptionsDirectory = Path.Combine(root, "options");
                    options.DistfilesDirectory = Path.Combine(root, "distfiles");
                    options.BuildBase = Path.Combine(root, "build");
                    options.LogsDirectory = Path.Combine(root, "logs");
                }

                if (parseResult.GetValue(portsDir) is { } ports)
                {
                    options.PortsDirectory = Path.GetFullPath(ports);
                }

                var result = DsynthConfiguration.Init(directory ?? DsynthConfiguration.SearchDirectories[0], options);
                await output.WriteLineAsync("wrote " + result.ConfigurationFile).ConfigureAwait(false);
                if (result.MakeConfFile is not null)
                {
                    await output.WriteLineAsync("wrote " + result.MakeConfFile).ConfigureAwait(false);
                }

                foreach (var created in result.CreatedDirectories)
                {
                    await output.WriteLineAsync("created " + created).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is BuilderConfigurationException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync("gosynth init: " + e.Message.ReplaceLineEndings(" ")).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
