using System.Globalization;
using GoSynth.Builder.Running;
using GoSynth.Cli.Hosting;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles;

namespace GoSynth.Cli.Build;

/// <summary>
/// Runs a build directive (<c>fetch-only</c> too): composes the services (<see cref="CliServices"/>), asks for
/// confirmation (or takes <c>-y</c>), runs <see cref="BuildRunner"/> with the display, and prints a summary. Exit 0
/// when every port built (or fetched), 1 when one failed or the question was answered no, 130 when interrupted; errors before the run follow <see cref="CliErrors"/> (3 for configuration,
/// 4 when another build holds the lock).
/// </summary>
internal static class BuildRunnerCli
{
    public static async Task<int> RunAsync(CliInvocation invocation, BuildSettings settings)
    {
        if (settings.Development)
        {
            invocation = invocation.WithGlobal(invocation.Global with { Development = true });
        }

        var services = CliServices.Create(invocation, ConfigurationUse.Required);

        await using var disposeServices = services.ConfigureAwait(false);
        var options = services.Options;
        var fetchOnly = settings.Mode == BuildRunMode.FetchOnly;
        var what = settings.Ports.Count == 0 ? "everything" : string.Join(' ', settings.Ports);
        var question = fetchOnly
            ? $"{settings.Directive} {what} with profile {options.Profile} into {options.DistfilesDirectory}?"
            : $"{settings.Directive} {what} with profile {options.Profile} ({options.ConfigurationFile})?";
        if (!await invocation.ConfirmAsync(question).ConfigureAwait(false))
        {
            await invocation.ErrorLineAsync(fetchOnly ? "not confirmed; nothing was fetched" : "not confirmed; nothing was built").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var runner = services.Get<BuildRunner>();
        var display = BuildDisplay.Create(settings, invocation.Host, invocation.Output, services.Provider);
        await using var closeDisplay = display.ConfigureAwait(false);
        var result = await runner.RunAsync(
            new BuildRunOptions { Ports = settings.Ports, Force = settings.Force, JustBuild = settings.JustBuild, Mode = settings.Mode, Sinks = [display], ScanProgress = display },
            invocation.CancellationToken).ConfigureAwait(false);

        // The live view leaves the screen before the summary is printed below it.
        await display.DisposeAsync().ConfigureAwait(false);
        if (fetchOnly)
        {
            await BuildSummary.WriteFetchOnlyAsync(result, options.DistfilesDirectory, invocation.Output).ConfigureAwait(false);
        }
        else
        {
            await BuildSummary.WriteAsync(result, invocation.Output).ConfigureAwait(false);
        }

        if (result.Aborted)
        {
            await invocation.ErrorLineAsync("interrupted; the run is closed as aborted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }

        var code = result.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
        if (settings.Install && code == ExitCodes.Success)
        {
            code = await InstallAsync(invocation, services, result, settings.Ports).ConfigureAwait(false);
        }

        return code;
    }

    /// <summary>
    /// <c>install</c>: adds the requested ports' packages to this host with pkg(8) (which installs their dependencies from
    /// the same repository). A host that is not the target (Linux) has no pkg for them: one line says so.
    /// </summary>
    private static async Task<int> InstallAsync(CliInvocation invocation, CliServices services, BuildRunResult result, IReadOnlyList<string> requested)
    {
        var repository = services.Options.EffectiveRepositoryDirectory;
        if (!TargetProfile.IsBsdHost)
        {
            await invocation.WriteLineAsync(
                $"Not installed: installing needs the target's pkg(8), which this host does not have; on the target, add the packages from {repository} with pkg add or pkg install.")
                .ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var runner = services.Get<IProcessRunner>();
        var named = result.Ports.Where(p => p.PackageFile is not null && p.Status is BuildRunPortStatus.Built or BuildRunPortStatus.UpToDate
            && requested.Any(r => p.Port == r || p.Port.StartsWith(r + "@", StringComparison.Ordinal)));
        foreach (var file in named.Select(p => p.PackageFile!))
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(repository, file);
            var spec = new ProcessSpec("pkg", ["add", path]) { Environment = new Dictionary<string, string> { ["PATH"] = "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin" } };
            var run = await runner.RunAsync(spec, cancellationToken: invocation.CancellationToken).ConfigureAwait(false);
            if (!run.Succeeded)
            {
                await invocation.ErrorLineAsync(string.Create(CultureInfo.InvariantCulture, $"pkg add {path} failed ({run.Outcome}, exit {run.ExitCode})")).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await invocation.WriteLineAsync("Installed " + path).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
