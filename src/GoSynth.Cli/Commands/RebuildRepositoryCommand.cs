using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GoSynth.Cli.Hosting;
using GoSynth.Pkg.Repositories;
using Microsoft.Extensions.Logging;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth rebuild-repository [--packages &lt;dir&gt;]</c>: writes the pkg(8) catalog of a packages directory (default:
/// Directory_packages of dsynth.ini)
/// natively, optionally signed; every package file left out is named with the reason and makes the exit non-zero.</summary>
internal static class RebuildRepositoryCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var packages = new Option<DirectoryInfo?>("--packages") { Description = "The packages directory (holding All/). Default: Directory_packages of dsynth.ini." };
        var level = new Option<int>("--compression-level") { Description = "zstd level of the catalog archives (pkg's default 19).", DefaultValueFactory = _ => 19 };
        var legacy = new Option<bool>("--accept-legacy") { Description = "Also catalog .txz/.tzst/.tgz/.tbz/.tar files (pkg's REPO_ACCEPT_LEGACY_PKG)." };
        var key = new Option<string?>("--signing-key") { Description = "Sign with this private key, as pkg repo <dir> rsa:<key>, ecdsa:<key> or eddsa:<key>: RSA (PEM), an ECDSA key on a curve pkg accepts (PEM or DER), or an Ed25519 key (PEM, or pkg's own WEI25519 DER); no prefix means rsa." };
        var signingCommand = new Option<string?>("--signing-command") { Description = "Sign by running this command, as pkg repo <dir> signing_command: <cmd>." };
        var allowUnsigned = new Option<bool>("--allow-unsigned") { Description = "Allow replacing a signed catalog with an unsigned one." };
        var frameSize = new Option<int?>("--frame-size")
        {
            Description = $"Bytes per zstd frame of the catalog archives: small frames let the next rebuild recompress only what changed, at some size cost; 0 writes one frame. Default: Catalog_frame_size of dsynth.ini when --packages is not given, else {RepositoryOptions.DefaultCompressionFrameSize}.",
        };
        var command = new Command("rebuild-repository", "Write meta.conf, meta, packagesite.pkg and data.pkg for the packages directory.");
        command.Options.Add(packages);
        command.Options.Add(level);
        command.Options.Add(legacy);
        command.Options.Add(key);
        command.Options.Add(signingCommand);
        command.Options.Add(allowUnsigned);
        command.Options.Add(frameSize);
        CliAction.Set(command, global, host, async invocation =>
        {
            var r = invocation.Parse;
            var ct = invocation.CancellationToken;
            var output = invocation.Output;
            var error = invocation.Error;
            var named = r.GetValue(packages);
            var configuration = named is null ? CliServices.LoadConfiguration(invocation) : null;
            var dir = named?.FullName ?? configuration!.PackagesDirectory;
            try
            {
                var options = new RepositoryOptions
                {
                    CompressionLevel = r.GetValue(level),
                    AcceptLegacyExtensions = r.GetValue(legacy),
                    SigningKeyPath = r.GetValue(key),
                    SigningCommand = r.GetValue(signingCommand),
                    AllowUnsigned = r.GetValue(allowUnsigned),
                    CompressionFrameSize = r.GetValue(frameSize) ?? configuration?.CatalogFrameSize ?? RepositoryOptions.DefaultCompressionFrameSize,

                    // The catalog cache says on stderr why it was ignored (damaged, foreign owner, loose mode).
                    Logger = new CliLoggerProvider(error, invocation.Global.Debug ? LogLevel.Debug : LogLevel.Warning).CreateLogger(typeof(RepositoryBuilder).FullName!),
                };
                var clock = Stopwatch.StartNew();
                var result = await RepositoryBuilder.RebuildAsync(dir, options, ct).ConfigureAwait(false);
                foreach (var failure in result.Failures)
                {
                    await invocation.ErrorLineAsync($"left out {failure.Key}: {failure.Value}").ConfigureAwait(false);
                }

                foreach (var warning in result.Warnings)
                {
                    await invocation.ErrorLineAsync("warning: " + warning).ConfigureAwait(false);
                }

                if (!result.CatalogWritten)
                {
                    await invocation.ErrorLineAsync($"no catalog written in {dir}: all {result.Failures.Count} package file(s) were left out; the existing catalog files are unchanged")
                        .ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                foreach (var removed in result.RemovedFiles)
                {
                    await output.WriteLineAsync($"Removed stale catalog file {removed}").ConfigureAwait(false);
                }

                var signature = result.Signature is { } how ? "Catalog is signed with " + how + "." : "Catalog is unsigned.";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Catalogued {result.Entries.Count} packages ({Size(result.Bytes)}) in {dir} in {clock.Elapsed.TotalSeconds:F2} s; {result.Failures.Count} left out. {signature}"))
                    .ConfigureAwait(false);
                return result.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or ArgumentException or UnauthorizedAccessException or IOException)
            {
                await invocation.ErrorLineAsync(CliErrors.OneLine(ex.Message)).ConfigureAwait(false);
                return ex is DirectoryNotFoundException or ArgumentException ? ExitCodes.Usage : ExitCodes.Failure;
            }
        });
        return command;
    }

    private static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB");
}
