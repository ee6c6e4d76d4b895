using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>Signs catalog members as <c>pkg repo</c> does, with an RSA, ECDSA or EdDSA key file or with a signing command.</summary>
internal abstract class CatalogSigner
{
    /// <summary>pkg repo's marker before a signing command; accepted and dropped.</summary>
    private const string CommandPrefix = "signing_command:";

    public abstract string Description { get; }

    public static CatalogSigner? Create(RepositoryOptions options) =>
        options.SigningKeyPath is { } key ? new KeyFileSigner(key)
        : options.SigningCommand is { } command ? new CommandSigner(command.StartsWith(CommandPrefix, StringComparison.Ordinal) ? command[CommandPrefix.Length..].Trim() : command)
        : null;

    /// <summary>The members to put before <paramref name="member"/> (whose bytes are <paramref name="payload"/>, whose
    /// SHA-256 hex is <paramref name="sha256Hex"/>) in its archive.</summary>
    public abstract Task<IReadOnlyList<KeyValuePair<string, byte[]>>> SignAsync(string member, byte[] payload, string sha256Hex, CancellationToken cancellationToken);

    private sealed class KeyFileSigner : CatalogSigner
    {
        private readonly string _path;

        private readonly string _type;

        public KeyFileSigner(string spec)
        {
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            _type = colon > 0 && !spec.StartsWith('/') ? spec[..colon] : "rsa";
            _path = colon > 0 && !spec.StartsWith('/') ? spec[(colon + 1)..] : spec;
            if (_type is not "rsa" and not PkgEcdsa.Type && !PkgEddsa.IsEddsa(_type))
            {
                throw new CatalogFormatException(CatalogErrorKind.Signature, _path, null,
                    $"'{_type}' keys are not supported; sign with an RSA key (rsa:<file>), an ECDSA key (ecdsa:<file>), an EdDSA key (eddsa:<file>) or a signing command");
            }
        }

        public override string Description => $"{(_type == "rsa" ? "RSA" : _type == PkgEcdsa.Type ? "ECDSA" : "EdDSA")} key {_path}";

        public override Task<IReadOnlyList<KeyValuePair<string, byte[]>>> SignAsync(string member, byte[] payload, string sha256Hex, CancellationToken cancellationToken)
        {
            try
            {
                var signature = _type == "rsa" ? SignRsa(sha256Hex) : _type == PkgEcdsa.Type ? SignEcdsa(payload) : SignEddsa(payload);
                IReadOnlyList<KeyValuePair<string, byte[]>> members = [KeyValuePair.Create("signature", signature)];
                return Task.FromResult(members);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
            {
                throw new CatalogFormatException(CatalogErrorKind.Signature, _path, null, $"cannot sign with this key ({ex.Message})", ex);
            }
        }

        private byte[] SignRsa(string sha256Hex)
        {
            using var key = RSA.Create();
            key.ImportFromPem(File.ReadAllText(_path));
            return PkgRsa.SignWithKey(key, sha256Hex);
        }

        private byte[] SignEcdsa(byte[] payload)
        {
            using var key = PkgEcdsa.ImportPrivateKey(File.ReadAllBytes(_path));
            if (PkgEcdsa.UnsupportedCurve(key) is { } curve)
            {
                throw new CryptographicException(curve);
            }

            return PkgEcdsa.SignMember(key, Blake2b.Hash(payload));
        }

        /// <summary>The head names the signer as the user did (<c>eddsa</c> or <c>ecc</c>), as <c>pkg repo</c> does.</summary>
        private byte[] SignEddsa(byte[] payload) =>
            PkgEddsa.SignMember(PkgEddsa.ImportPrivateKey(File.ReadAllBytes(_path)), _type, Blake2b.Hash(payload));
    }

    private sealed class CommandSigner(string command) : CatalogSigner
    {
        private const int MaxOutput = 1 << 20;

        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

        public override string Description => $"signing command '{command}'";

        public override async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> SignAsync(string member, byte[] payload, string sha256Hex, CancellationToken cancellationToken)
        {
            var output = await RunAsync(sha256Hex, cancellationToken).ConfigureAwait(false);
            var (type, signature, cert) = Parse(output);
            if (signature.Length == 0 || cert.Length == 0)
            {
                throw new CatalogFormatException(CatalogErrorKind.Signature, command, null, "the signing command printed no SIGNATURE or no CERT section");
            }

            var head = type is "" or "rsa" ? [] : Encoding.ASCII.GetBytes(CatalogSignatureVerifier.Head + type + "$");
            return [KeyValuePair.Create(member + ".sig", (byte[])[.. head, .. signature]), KeyValuePair.Create(member + ".pub", (byte[])[.. head, .. cert])];
        }

        /// <summary>pkg's protocol: sections start at the lines <c>SIGNATURE</c>, <c>CERT</c>, <c>TYPE</c> and end at <c>END</c>;
        /// the signature's last newline is not part of it.</summary>
        private static (string Type, byte[] Signature, byte[] Cert) Parse(byte[] output)
        {
            var sections = new Dictionary<string, List<byte>>(StringComparer.Ordinal) { ["SIGNATURE"] = [], ["CERT"] = [], ["TYPE"] = [] };
            List<byte>? current = null;
            var endSeen = false;
            var start = 0;
            while (start < output.Length && !endSeen)
            {
                var newline = Array.IndexOf(output, (byte)'\n', start);
                var end = newline < 0 ? output.Length : newline + 1;
                var line = output.AsSpan(start, end - start);
                var text = Encoding.ASCII.GetString(line);
                if (text is "SIGNATURE\n" or "CERT\n" or "TYPE\n")
                {
                    current = sections[text.TrimEnd('\n')];
                }
                else if (text == "END\n")
                {
                    endSeen = true;
                }
                else
                {
                    current?.AddRange(line.ToArray());
                }

                start = end;
            }

            var signature = sections["SIGNATURE"];
            if (signature.Count > 0)
            {
                signature.RemoveAt(signature.Count - 1);
            }

            // A DER certificate (an EdDSA or ECDSA key) does not end in a newline, so its END marker lands on its last
            // line; pkg drops the marker from the certificate then.
            var cert = sections["CERT"];
            if (!endSeen && cert.Count >= 4 && cert.GetRange(cert.Count - 4, 4).SequenceEqual("END\n"u8.ToArray()))
            {
                cert.RemoveRange(cert.Count - 4, 4);
            }

            return (Encoding.ASCII.GetString([.. sections["TYPE"]]).Trim(), [.. signature], [.. sections["CERT"]]);
        }

        private async Task<byte[]> RunAsync(string sha256Hex, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
            using var process = new Process { StartInfo = start };
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                throw new CatalogFormatException(CatalogErrorKind.Signature, command, null, $"the signing command cannot be started ({ex.Message})", ex);
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            try
            {
                var stdout = new MemoryStream();
                var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout, limit.Token);
                var errors = process.StandardError.ReadToEndAsync(limit.Token);
                try
                {
                    await process.StandardInput.WriteAsync((sha256Hex + "\n").AsMemory(), limit.Token).ConfigureAwait(false);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The command exited without reading its input; its exit status and output say the rest.
                }

                await reading.ConfigureAwait(false);
                var stderr = await errors.ConfigureAwait(false);
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                if (process.ExitCode != 0 || stdout.Length > MaxOutput)
                {
                    throw new CatalogFormatException(CatalogErrorKind.Signature, command, null,
                        process.ExitCode != 0 ? $"the signing command exited with {process.ExitCode}: {stderr.Trim()}" : "the signing command printed more than 1 MiB");
                }

                return stdout.ToArray();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new CatalogFormatException(CatalogErrorKind.Signature, command, null, $"the signing command did not finish within {Timeout.TotalMinutes} minutes");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }
}
