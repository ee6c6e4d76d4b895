namespace GoSynth.Cli.Commands;

internal static partial class InitCommand
{
    /// <summary>The question <c>init</c> asks on a machine without a ports tree: set up the sample tree, and where.</summary>
    /// <param name="Searched">The places a ports tree was looked for.</param>
    /// <param name="DefaultTarget">Where the sample tree goes when the answer is yes.</param>
    internal sealed record SampleOffer(IReadOnlyList<string> Searched, string DefaultTarget)
    {
        /// <summary>
        /// Asks on a terminal; with <c>-y</c> takes the default without asking; without a terminal (and no <c>-y</c>)
        /// never waits for an answer and says how to get the sample tree instead.
        /// </summary>
        /// <returns>The directory to copy the sample tree to, or null to go on without it.</returns>
        public async Task<string?> AskAsync(CliHost host, bool yes, TextWriter output, TextWriter error, CancellationToken cancellationToken)
        {
            var none = $"no ports tree in {string.Join(" or ", Searched)}.";
            if (yes)
            {
                await output.WriteLineAsync($"{none} Setting up the sample ports tree that ships with gosynth in {DefaultTarget} (-y).").ConfigureAwait(false);
                return DefaultTarget;
            }

            if (!host.InputIsTerminal)
            {
                await error.WriteLineAsync(
                    $"gosynth init: {none} The configuration names the default tree; to use the sample tree that ships with gosynth instead, " +
                    $"run init with -y (copies it to {DefaultTarget}) or --sample-tree DIR.").ConfigureAwait(false);
                return null;
            }

            while (true)
            {
                await output.WriteLineAsync($"{none} gosynth carries a small sample ports tree that builds on this machine.").ConfigureAwait(false);
                await output.WriteAsync($"Copy it to {DefaultTarget} and use it? [Y/n, or another directory] ").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                var line = await host.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    // The terminal closed: no answer is no.
                    await output.WriteLineAsync().ConfigureAwait(false);
                    return null;
                }

                var answer = line.Trim();
                switch (answer.ToLowerInvariant())
                {
                    case "" or "y" or "yes":
                        return DefaultTarget;
                    case "n" or "no":
                        return null;
                }

                if (answer.StartsWith('/') || answer.StartsWith('.') || answer.StartsWith('~') || answer.Contains('/', StringComparison.Ordinal))
                {
                    return answer.StartsWith('~')
                        ? Path.GetFullPath(Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), answer.TrimStart('~').TrimStart('/')))
                        : Path.GetFullPath(answer);
                }

                await output.WriteLineAsync($"'{answer}' is neither yes, no nor a directory (write a directory as a path: ./{answer} or /path/{answer}).").ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies the sample tree into a new directory.</summary>
    internal static class SampleTreeCopy
    {
        /// <summary>
        /// Copies <paramref name="source"/> to <paramref name="target"/>: into a temporary sibling first, renamed into
        /// place when whole. A target that holds a ports tree already (its <c>Mk/bsd.port.mk</c>) is left as it is; any
        /// other non-empty target is refused, so nothing of the user's is overwritten.
        /// </summary>
        /// <returns>True when copied, false when the target already held a ports tree.</returns>
        /// <exception cref="IOException">The target is a file or a non-empty directory that is not a ports tree.</exception>
        public static bool CopyTo(string source, string target, CancellationToken cancellationToken)
        {
            if (File.Exists(target))
            {
                throw new IOException($"{target} is a file; name a new directory for the sample ports tree.");
            }

            if (Directory.Exists(target))
            {
                if (File.Exists(Path.Combine(target, "Mk", "bsd.port.mk")))
                {
                    return false;
                }

                if (Directory.EnumerateFileSystemEntries(target).Any())
                {
                    throw new IOException($"{target} is not empty and holds no ports tree; name a new or empty directory for the sample ports tree.");
                }
            }

            var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(target))!;
            Directory.CreateDirectory(parent);
            var temporary = Path.Combine(parent, "." + Path.GetFileName(Path.TrimEndingDirectorySeparator(target)) + ".tmp-" + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var relative = Path.GetRelativePath(source, file);
                    if (IsBuildLeftover(relative))
                    {
                        continue;
                    }

                    var destination = Path.Combine(temporary, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    File.Copy(file, destination);

                    // A NuGet package keeps no file modes: the framework's scripts become executable again.
                    if (!OperatingSystem.IsWindows() && destination.EndsWith(".sh", StringComparison.Ordinal))
                    {
                        File.SetUnixFileMode(destination, File.GetUnixFileMode(destination) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                    }
                }

                if (Directory.Exists(target))
                {
                    Directory.Delete(target); // empty, checked above
                }

                Directory.Move(temporary, target);
                return true;
            }
            finally
            {
                if (Directory.Exists(temporary))
                {
                    Directory.Delete(temporary, recursive: true);
                }
            }
        }

        /// <summary>What a build in the source tree leaves (work directories, packages, dot files): not part of the tree.</summary>
        private static bool IsBuildLeftover(string relative)
        {
            var parts = relative.Split(Path.DirectorySeparatorChar);
            return parts[0] == "packages"
                || parts.Any(p => p.StartsWith('.') || p == "work" || p.StartsWith("work-", StringComparison.Ordinal));
        }
    }
}
