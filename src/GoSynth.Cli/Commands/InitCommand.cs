using System.CommandLine;
using GoSynth.Builder.Configuration;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth [-C dir] [-y] init [--build-root DIR] [--ports-dir DIR] [--sample-tree DIR]</c>: writes a commented
/// dsynth.ini and the profile's make.conf and creates the directories they name; an existing configuration is never
/// overwritten (exit 3 when one exists). On a machine without a ports tree it offers to set up the sample tree that
/// ships with gosynth.
/// </summary>
internal static partial class InitCommand
{
    /// <summary>Where a ports tree usually is when <c>--ports-dir</c> is not given, in the order they are tried.</summary>
    public static IReadOnlyList<string> DefaultPortsDirectories { get; } = ["/usr/dports", "/usr/ports"];

    public static Command Create(GlobalOptions global, CliHost? host = null) =>
        Create(global, host ?? CliHost.Console, DefaultPortsDirectories, Status.CliDefaults.BundledSampleTree);

    /// <inheritdoc cref="Create(GlobalOptions, CliHost, IReadOnlyList{string}, Func{string?})"/>
    internal static Command Create(GlobalOptions global, CliHost host, IReadOnlyList<string> defaultPortsDirectories, string? sampleTree) =>
        Create(global, host, defaultPortsDirectories, () => sampleTree);

    /// <param name="global">The global flags.</param>
    /// <param name="host">Where questions are answered.</param>
    /// <param name="defaultPortsDirectories">Where a ports tree is looked for when <c>--ports-dir</c> is not given.</param>
    /// <param name="findSampleTree">Finds the sample tree that can be copied (null when gosynth carries none); asked only
    /// when init runs, so that building the command tree for another directive walks no directories.</param>
    internal static Command Create(GlobalOptions global, CliHost host, IReadOnlyList<string> defaultPortsDirectories, Func<string?> findSampleTree)
    {
        var buildRoot = new Option<string?>("--build-root")
        {
            Description = "Put the packages, options, distfiles, build base and logs under this directory instead of /build/synth.",
        };
        var portsDir = new Option<string?>("--ports-dir") { Description = "The ports tree to write as Directory_portsdir." };
        var sampleDir = new Option<string?>("--sample-tree")
        {
            Description = "Copy the sample ports tree that ships with gosynth to this directory and use it (without asking).",
        };
        var command = new Command("init", "Write a commented dsynth.ini and create the directories it names (never overwrites).")
        {
            buildRoot, portsDir, sampleDir,
        };
        CliAction.Set(command, global, host, invocation => RunAsync(
            invocation, invocation.Get(buildRoot), invocation.Get(portsDir), invocation.Get(sampleDir), defaultPortsDirectories, findSampleTree));
        return command;
    }

    /// <exception cref="CliException">Both --ports-dir and --sample-tree were given (exit 2).</exception>
    /// <exception cref="BuilderConfigurationException">A configuration exists already (exit 3).</exception>
    private static async Task<int> RunAsync(
        CliInvocation invocation, string? buildRoot, string? portsDir, string? sampleDir, IReadOnlyList<string> defaultPortsDirectories, Func<string?> findSampleTree)
    {
        var output = invocation.Output;
        var cancellationToken = invocation.CancellationToken;
        var directory = invocation.Global.ConfigDirectory;
        if (portsDir is not null && sampleDir is not null)
        {
            throw CliException.Usage("--ports-dir and --sample-tree name two trees; give one of them (gosynth help init).");
        }

        var configuration = directory is null
            ? DsynthConfiguration.SearchDirectories.Select(d => Path.Combine(d, DsynthConfiguration.FileName))
            : [Path.Combine(directory, DsynthConfiguration.FileName)];

        // Without -C, as dsynth: refuse when a configuration exists in any place a build would look. Checked before
        // anything is copied, so a refusal leaves no sample tree behind either.
        foreach (var existing in configuration.Where(File.Exists))
        {
            throw new BuilderConfigurationException("a configuration exists already; GoSynth does not overwrite it. Edit it, or move it away and run init again.", Path.GetFullPath(existing));
        }

        var options = new BuilderOptions();
        var root = buildRoot is null ? null : Path.GetFullPath(buildRoot);
        if (root is not null)
        {
            options.PackagesDirectory = Path.Combine(root, "live_packages");
            options.OptionsDirectory = Path.Combine(root, "options");
            options.DistfilesDirectory = Path.Combine(root, "distfiles");
            options.BuildBase = Path.Combine(root, "build");
            options.LogsDirectory = Path.Combine(root, "logs");
        }

        if (portsDir is not null)
        {
            options.PortsDirectory = Path.GetFullPath(portsDir);
        }
        else if (sampleDir is not null)
        {
            options.PortsDirectory = await SetUpSampleAsync(findSampleTree(), Path.GetFullPath(sampleDir), output, cancellationToken).ConfigureAwait(false);
        }
        else if (defaultPortsDirectories.FirstOrDefault(Directory.Exists) is { } found)
        {
            options.PortsDirectory = found;
        }
        else if (findSampleTree() is { } sampleTree)
        {
            var offer = new SampleOffer(defaultPortsDirectories, Path.Combine(root ?? "/build/synth", "sample-ports"));
            var target = await offer.AskAsync(invocation.Host, invocation.Global.Yes, output, invocation.Error, cancellationToken).ConfigureAwait(false);
            if (target is not null)
            {
                options.PortsDirectory = await SetUpSampleAsync(sampleTree, target, output, cancellationToken).ConfigureAwait(false);
            }
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

    private static async Task<string> SetUpSampleAsync(string? sampleTree, string target, TextWriter output, CancellationToken cancellationToken)
    {
        if (sampleTree is null)
        {
            throw new IOException("this gosynth carries no sample ports tree (it was not installed as a .NET tool); give --ports-dir instead.");
        }

        if (SampleTreeCopy.CopyTo(sampleTree, target, cancellationToken))
        {
            await output.WriteLineAsync($"copied the sample ports tree to {target}").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"{target} holds a ports tree already; using it as it is").ConfigureAwait(false);
        }

        return target;
    }
}
