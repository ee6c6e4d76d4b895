using System.Globalization;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Running;
using GoSynth.BuildDb;
using GoSynth.Environment.Files;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoSynth.Cli.Build;

/// <summary>
/// Runs a build directive: reads dsynth.ini, asks for confirmation (or takes <c>-y</c>), composes the services with
/// <c>AddGoSynthBuilder</c>, runs <see cref="BuildRunner"/> with a line printer, and prints a summary. Exit 0 when every
/// port built, 1 when one failed (or the run could not start: another build holds the lock, no executor), 2 for a
/// configuration error or bad input, 130 when interrupted.
/// </summary>
internal static class BuildRunnerCli
{
    public static async Task<int> RunAsync(BuildSettings settings, CliHost host, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var prefix = "gosynth " + settings.Directive + ": ";
        BuilderOptions options;
        try
        {
            options = DsynthConfiguration.Load(settings.ConfigDirectory);
        }
        catch (BuilderConfigurationException e)
        {
            await error.WriteLineAsync(prefix + OneLine(e.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (!settings.Yes && !await ConfirmAsync(settings, options, host, output, error, prefix).ConfigureAwait(false))
        {
            return host.InputIsTerminal ? ExitCodes.Failure : ExitCodes.BadInput;
        }

        var services = new ServiceCollection()
            .AddLogging(b => b
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddGoSynthBuilder(o => DsynthConfiguration.LoadInto(o, settings.ConfigDirectory));
        host.ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await using var disposeProvider = provider.ConfigureAwait(false);
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var runner = provider.GetRequiredService<BuildRunner>();
            var display = BuildDisplay.Create(settings, host, output, provider);
            await using var closeDisplay = display.ConfigureAwait(false);
            var result = await runner.RunAsync(
                new BuildRunOptions { Ports = settings.Ports, Force = settings.Force, JustBuild = settings.JustBuild, Sinks = [display], ScanProgress = display },
                cancellationToken).ConfigureAwait(false);
            await display.DisposeAsync().ConfigureAwait(false);
            await SummaryAsync(result, output).ConfigureAwait(false);
            if (result.Aborted)
            {
                await error.WriteLineAsync(prefix + "interrupted; the run is closed as aborted").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }

            return result.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
        }
        catch (Exception e) when (e is BuilderConfigurationException or OptionsValidationException or PortSpecException or PortGraphCycleException
            or DirectoryNotFoundException or ProcessStartException or ArgumentException or PrivateDirectoryException)
        {
            await error.WriteLineAsync(prefix + OneLine(e.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is BuildDbException or InvalidOperationException or SlotException)
        {
            await error.WriteLineAsync(prefix + OneLine(e.Message)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync(prefix + "interrupted").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }

    private static async Task<bool> ConfirmAsync(BuildSettings settings, BuilderOptions options, CliHost host, TextWriter output, TextWriter error, string prefix)
    {
        if (!host.InputIsTerminal)
        {
            await error.WriteLineAsync(prefix + "standard input is not a terminal, so nobody can confirm the build; pass -y to build without asking").ConfigureAwait(false);
            return false;
        }

        var what = settings.Ports.Count == 0 ? "everything" : string.Join(' ', settings.Ports);
        await output.WriteAsync($"{settings.Directive} {what} with profile {options.Profile} ({options.ConfigurationFile})? [y/N] ").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        var answer = (await host.Input.ReadLineAsync().ConfigureAwait(false))?.Trim();
        if (answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        await error.WriteLineAsync(prefix + "not confirmed; nothing was built").ConfigureAwait(false);
        return false;
    }

    private static async Task SummaryAsync(BuildRunResult result, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var interrupted = result.Aborted
            ? string.Create(c, $", interrupted {result.CountOf(BuildRunPortStatus.Interrupted)}, not started {result.CountOf(BuildRunPortStatus.NotStarted)}")
            : "";
        await output.WriteLineAsync(string.Create(c,
            $"Built {result.Built}, failed {result.Failed}, skipped {result.Skipped}, ignored {result.CountOf(BuildRunPortStatus.Ignored)}, up to date {result.CountOf(BuildRunPortStatus.UpToDate)}, meta {result.CountOf(BuildRunPortStatus.Meta)}, unbuildable {result.CountOf(BuildRunPortStatus.Unbuildable)}{interrupted} in {result.Elapsed:hh\\:mm\\:ss} (run {result.RunId})"))
            .ConfigureAwait(false);
        if (result.DependencyReuse is { } reuse && reuse.Installed + reuse.Reused > 0)
        {
            await output.WriteLineAsync(string.Create(c,
                $"Dependencies: {reuse.Installed} packages installed in {reuse.InstallTime.TotalSeconds:0.0} s, {reuse.Reused} kept in their slots (about {reuse.EstimatedTimeSaved.TotalSeconds:0.0} s saved)"))
                .ConfigureAwait(false);
        }

        foreach (var failed in result.Ports.Where(p => p.Status == BuildRunPortStatus.Failed))
        {
            await output.WriteLineAsync($"Failed: {failed.Port}{(failed.Phase is null ? "" : $" in phase {failed.Phase}")}: {failed.Reason}").ConfigureAwait(false);
            foreach (var line in (failed.LogExcerpt ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await output.WriteLineAsync("    " + line.TrimEnd('\r')).ConfigureAwait(false);
            }

            if (failed.LogFile is not null)
            {
                await output.WriteLineAsync("    log: " + failed.LogFile).ConfigureAwait(false);
            }
        }

        foreach (var slot in result.StaleSlotsCleaned)
        {
            await output.WriteLineAsync("Stale slot of a killed run torn down: " + slot).ConfigureAwait(false);
        }

        if (result.RepositoryError is not null)
        {
            await output.WriteLineAsync("Repository catalog not rebuilt: " + result.RepositoryError).ConfigureAwait(false);
        }
        else if (result.Repository is { } repository)
        {
            await output.WriteLineAsync(string.Create(c, $"Repository catalog rebuilt: {repository.Entries.Count} packages")
                + (repository.Failures.Count > 0 ? string.Create(c, $", {repository.Failures.Count} left out") : "")).ConfigureAwait(false);
        }

        if (result.ObsoletePackages.Length > 0)
        {
            await output.WriteLineAsync(string.Create(c, $"Obsolete packages (no port makes them; not deleted): {string.Join(' ', result.ObsoletePackages)}")).ConfigureAwait(false);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
