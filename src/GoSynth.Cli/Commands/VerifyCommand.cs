using System.CommandLine;
using System.Text.Json;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Json;
using GoSynth.Pkg.Repositories;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth verify [--packages &lt;dir&gt;] [--pubkey &lt;pem&gt;] [--fingerprints &lt;dir&gt;] [--json]</c>: checks the
/// catalog's signature and every package against the catalog; non-zero exit on problems.</summary>
internal static class VerifyCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var packages = new Option<DirectoryInfo?>("--packages") { Description = "The packages directory (holding the catalog and All/). Default: Directory_packages of dsynth.ini." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var pubkey = new Option<FileInfo?>("--pubkey") { Description = "Public key (RSA PEM, ECDSA PEM/DER, or Ed25519 PEM / pkg's WEI25519 DER) to check a key-signed catalog with (pkg's PUBKEY)." };
        var fingerprints = new Option<DirectoryInfo?>("--fingerprints") { Description = "Fingerprints directory (trusted/, revoked/) to check a command-signed catalog with (pkg's FINGERPRINTS)." };
        var command = new Command("verify", "Check the catalog's signature, and that every catalogued package is inside the repository, present, matches its sum and has a readable manifest.");
        command.Options.Add(packages);
        command.Options.Add(json);
        command.Options.Add(pubkey);
        command.Options.Add(fingerprints);
        CliAction.Set(command, global, host, async invocation =>
        {
            var r = invocation.Parse;
            var ct = invocation.CancellationToken;
            var output = invocation.Output;
            var dir = r.GetValue(packages)?.FullName ?? CliServices.LoadConfiguration(invocation).PackagesDirectory;
            if (!Directory.Exists(dir))
            {
                throw CliException.Usage($"packages directory '{dir}' does not exist");
            }

            var options = new RepositoryVerifierOptions
            {
                PublicKeyPath = r.GetValue(pubkey)?.FullName,
                FingerprintsDirectory = r.GetValue(fingerprints)?.FullName,
            };
            var report = await RepositoryVerifier.VerifyAsync(dir, options, ct).ConfigureAwait(false);
            if (r.GetValue(json))
            {
                var document = new VerifyDocument(
                    dir,
                    report.Checked,
                    report.IsValid,
                    new VerifySignature(report.Signature.State.ToString(), report.Signature.Message),
                    [.. report.Problems.Select(p => new VerifyProblem(p.Kind.ToString(), p.Path, p.Message))]);
                await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Context.VerifyDocument)).ConfigureAwait(false);
            }
            else
            {
                foreach (var p in report.Problems)
                {
                    await output.WriteLineAsync($"{p.Kind}: {p.Path}: {p.Message}").ConfigureAwait(false);
                }

                if (!report.Problems.Any(p => p.Kind == VerificationProblemKind.CatalogUnreadable))
                {
                    await output.WriteLineAsync($"Signature: {report.Signature.State}: {report.Signature.Message}").ConfigureAwait(false);
                }

                await output.WriteLineAsync(report.IsValid
                    ? $"{dir}: {report.Checked} packages verified, no problems."
                    : $"{dir}: {report.Checked} packages checked, {report.Problems.Count} problem(s).").ConfigureAwait(false);
            }

            return report.IsValid ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
