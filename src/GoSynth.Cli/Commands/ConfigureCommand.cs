using System.CommandLine;
using System.Globalization;
using GoSynth.Builder.Configuration;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth configure</c>: shows the effective configuration: every key of dsynth.ini with its value and where it
/// came from (file and line, or the default). dsynth's <c>configure</c> is not implemented and synth's is an
/// interactive menu; GoSynth shows, and the file is edited with an editor.
/// </summary>
internal static class ConfigureCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("configure", "Show the effective configuration: every key, its value and where it came from.");
        CliAction.Set(command, global, host, async invocation =>
        {
            var settings = DsynthConfiguration.Describe(invocation.Global.ConfigDirectory, invocation.Global.Profile);
            var options = CliServices.LoadConfiguration(invocation);
            await invocation.WriteLineAsync($"Configuration {options.ConfigurationFile}, profile [{options.Profile}]").ConfigureAwait(false);
            var width = settings.Max(s => s.Key.Length);
            foreach (var s in settings)
            {
                var from = s.IsDefault ? "default" : string.Create(CultureInfo.InvariantCulture, $"{s.File}:{s.Line} [{s.Section}]");
                var value = s.Value.Length == 0 ? "(unset)" : s.Value;
                await invocation.WriteLineAsync($"{s.Key.PadRight(width)} = {value}    # {from}{(s.GoSynthOnly ? ", GoSynth only" : "")}").ConfigureAwait(false);
            }

            await invocation.WriteLineAsync(options.MakeConfFile is { } makeConf
                ? string.Create(CultureInfo.InvariantCulture, $"make.conf: {makeConf} ({options.MakeConf.Count} lines)")
                : $"make.conf: none ({DsynthConfiguration.MakeConfFileName(options.Profile)} next to dsynth.ini)").ConfigureAwait(false);
            if (invocation.Global.CheckPlist || invocation.Global.Development)
            {
                await invocation.WriteLineAsync("Flags: check-plist on" + (invocation.Global.Development ? ", DEVELOPER=yes (-D)" : " (-P)")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
