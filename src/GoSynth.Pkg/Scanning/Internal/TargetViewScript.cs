using System.Globalization;
using System.Text;
using GoSynth.Pkg.Profiles.Internal;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// The shell script that builds a target view inside a private mount namespace (<c>unshare --mount</c>): a tmpfs on
/// <c>root</c>; read-only binds of what make and its shell need (the make program, <c>/bin/sh</c> and the standard
/// tools at their BSD paths, the libraries they load, the ports tree, the stubs, the make.conf); the empty
/// LOCALBASE; empty files and directories for the target's base system entries. It then prints
/// <c>ready &lt;pid&gt;</c> (its pid on the host) and waits while the owner process lives. It runs as the init of
/// its own PID namespace (<c>unshare --pid --fork</c>), and the queries are started in that namespace: when it ends,
/// with the scan or within a second of the owner's death (even by SIGKILL), the kernel kills every query still
/// running, and the namespace and every mount in it go with them.
/// </summary>
/// <remarks>
/// The setup runs a fixed handful of processes whatever the number of binds: every directory is made by one
/// <c>mkdir -p</c>, every mount point file by the shell itself, and every bind by one <c>mount -a</c> over a
/// private fstab (read-only binds); the libraries are listed by the dynamic loader itself (one run per program,
/// no <c>ldd</c> script) when its path is known.
/// </remarks>
internal static class TargetViewScript
{
    public const string ReadyPrefix = "ready ";

    /// <summary>One bind: a host file or directory shown read-only at <paramref name="Target"/> in the view.</summary>
    public readonly record struct Bind(string Host, string Target, bool IsDirectory);

    public static string Build(
        string root,
        string fstab,
        int ownerPid,
        IReadOnlyList<Bind> binds,
        IReadOnlyList<string> libraryHosts,
        string? loader,
        IReadOnlyList<string> emptyDirectories,
        TargetBaseSystem baseSystem)
    {
        var directories = new SortedSet<string>(StringComparer.Ordinal) { "/tmp", "/dev" };
        var files = new List<string> { "/dev/null" };
        foreach (var bind in binds)
        {
            if (bind.IsDirectory)
            {
                directories.Add(bind.Target);
            }
            else
            {
                directories.Add(Parent(bind.Target));
                files.Add(bind.Target);
            }
        }

        foreach (var directory in emptyDirectories)
        {
            directories.Add(directory);
        }

        foreach (var entry in baseSystem.Entries)
        {
            switch (entry.Kind)
            {
                case TargetBaseSystem.Kind.File:
                    directories.Add(Parent(entry.Path));
                    files.Add(entry.Path);
                    break;
                case TargetBaseSystem.Kind.Directory:
                    directories.Add(entry.Path);
                    break;
                default:
                    break;
            }
        }

        var s = new StringBuilder();
        s.Append("set -eu\n");
        s.Append("R=").Append(Quote(root)).Append('\n');
        s.Append("F=").Append(Quote(fstab)).Append('\n');
        s.Append("mount -t tmpfs -o mode=0755,size=64m gosynth-target \"$R\"\n");
        s.Append("cd \"$R\"\n");
        s.Append("mkdir -p");
        foreach (var directory in directories)
        {
            s.Append(' ').Append(Quote("." + directory));
        }

        s.Append('\n');
        s.Append("chmod 1777 ./tmp\n");
        // m TARGET: an empty mount point file (the shell's own redirection, no process).
        s.Append("m() { [ -e \"$R$1\" ] || : > \"$R$1\"; }\n");
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            s.Append("m ").Append(Quote(file)).Append('\n');
        }

        // The fstab of every bind, written by the shell's printf (a builtin).
        s.Append("{\n");
        s.Append("printf '%s %s none bind,ro 0 0\\n' /dev/null ").Append(Quote(Escape(root + "/dev/null"))).Append('\n');
        foreach (var bind in binds)
        {
            s.Append("printf '%s %s none bind,ro 0 0\\n' ").Append(Quote(Escape(bind.Host))).Append(' ')
                .Append(Quote(Escape(root + bind.Target))).Append('\n');
        }

        s.Append("} > \"$F\"\n");

        // Every library the programs load (the loader names them as it finds them), bound file by file at that
        // path, so no host directory (a /usr/lib full of host libraries) shows through.
        if (libraryHosts.Count > 0)
        {
            s.Append("L=$(");
            if (loader is not null)
            {
                s.Append("for p in");
                foreach (var program in libraryHosts)
                {
                    s.Append(' ').Append(Quote(program));
                }

                s.Append("; do ").Append(Quote(loader)).Append(" --list \"$p\" || :; done");
            }
            else
            {
                s.Append("ldd");
                foreach (var program in libraryHosts)
                {
                    s.Append(' ').Append(Quote(program));
                }
            }

            s.Append(" 2>/dev/null | sed -n 's|^[^/]*\\(/[^ ]*\\) (0x.*|\\1|p' | sort -u)\n");
            s.Append("D=; for l in $L; do D=\"$D ./${l%/*}\"; done\n");
            s.Append("[ -z \"$D\" ] || mkdir -p $D\n");
            s.Append("for l in $L; do m \"$l\"; printf '%s %s none bind,ro 0 0\\n' \"$l\" \"$R$l\" >> \"$F\"; done\n");
        }

        s.Append("cd /\n");
        s.Append("mount -a --fstab \"$F\"\n");
        // The shell's pid as the host sees it (the host's /proc is still mounted here): $$ is 1 in its own PID namespace.
        s.Append("read -r H _ < /proc/self/stat\n");
        s.Append("echo ").Append(ReadyPrefix).Append("$H\n");
        s.Append("while [ -e /proc/").Append(ownerPid.ToString(CultureInfo.InvariantCulture)).Append(" ]; do sleep 1; done\n");
        return s.ToString();
    }

    /// <summary>Single-quotes a word for sh.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A path as an fstab field (octal escapes for the separators and the backslash).</summary>
    public static string Escape(string path) => path
        .Replace("\\", "\\134", StringComparison.Ordinal)
        .Replace(" ", "\\040", StringComparison.Ordinal)
        .Replace("\t", "\\011", StringComparison.Ordinal)
        .Replace("\n", "\\012", StringComparison.Ordinal);

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
