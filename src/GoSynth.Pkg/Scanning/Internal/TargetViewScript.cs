using System.Globalization;
using System.Text;
using GoSynth.Pkg.Profiles.Internal;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// The shell script that builds a target view inside a private mount namespace (<c>unshare --mount</c>): a tmpfs on
/// <c>root</c>; read-only binds of what make and its shell need (the make program, <c>/bin/sh</c> and the standard
/// tools at their BSD paths, the libraries they load, the ports tree, the stubs, the make.conf); the empty
/// LOCALBASE; empty files and directories for the target's base system entries. It then prints
/// <c>ready &lt;pid&gt;</c> and, chrooted into the view, waits while the owner process lives, so the
/// namespace (and every mount in it) ends with the scan or with the process that started it.
/// </summary>
internal static class TargetViewScript
{
    public const string ReadyPrefix = "ready ";

    public static string Build(
        string root,
        int ownerPid,
        IReadOnlyList<(string Host, string Target)> binds,
        IReadOnlyList<string> libraryHosts,
        IReadOnlyList<string> emptyDirectories,
        TargetBaseSystem baseSystem)
    {
        var s = new StringBuilder();
        s.Append("set -eu\n");
        s.Append("R=").Append(Quote(root)).Append('\n');
        s.Append("mount -t tmpfs -o mode=0755,size=64m gosynth-target \"$R\"\n");
        s.Append("mkdir -p \"$R/tmp\" \"$R/dev\"; chmod 1777 \"$R/tmp\"\n");
        // b HOST TARGET: a read-only bind of a host file or directory at TARGET inside the view.
        s.Append("b() { if [ -d \"$1\" ]; then mkdir -p \"$R$2\"; else mkdir -p \"$R$(dirname \"$2\")\"; [ -e \"$R$2\" ] || : > \"$R$2\"; fi; ")
            .Append("mount --bind \"$1\" \"$R$2\"; mount -o remount,bind,ro \"$R$2\"; }\n");
        s.Append("f() { mkdir -p \"$R$(dirname \"$1\")\"; [ -e \"$R$1\" ] || : > \"$R$1\"; }\n");
        s.Append("d() { mkdir -p \"$R$1\"; }\n");
        s.Append("b /dev/null /dev/null\n");

        // Every library the programs load (ldd names them as the loader finds them), bound file by file at that
        // path, so no host directory (a /usr/lib full of host libraries) shows through.
        if (libraryHosts.Count > 0)
        {
            s.Append("[ -e /etc/ld.so.cache ] && b /etc/ld.so.cache /etc/ld.so.cache\n");
            s.Append("for l in $(ldd");
            foreach (var program in libraryHosts)
            {
                s.Append(' ').Append(Quote(program));
            }

            s.Append(" 2>/dev/null | sed -n 's|^[^/]*\\(/[^ ]*\\) (0x.*|\\1|p' | sort -u); do b \"$l\" \"$l\"; done\n");
        }

        foreach (var (host, target) in binds)
        {
            s.Append("b ").Append(Quote(host)).Append(' ').Append(Quote(target)).Append('\n');
        }

        foreach (var directory in emptyDirectories)
        {
            s.Append("d ").Append(Quote(directory)).Append('\n');
        }

        foreach (var entry in baseSystem.Entries)
        {
            switch (entry.Kind)
            {
                case TargetBaseSystem.Kind.File:
                    s.Append("f ").Append(Quote(entry.Path)).Append('\n');
                    break;
                case TargetBaseSystem.Kind.Directory:
                    s.Append("d ").Append(Quote(entry.Path)).Append('\n');
                    break;
                default:
                    break;
            }
        }

        s.Append("echo ").Append(ReadyPrefix).Append("$$\n");
        s.Append("exec chroot \"$R\" /bin/sh -c 'while kill -0 ")
            .Append(ownerPid.ToString(CultureInfo.InvariantCulture))
            .Append(" 2>/dev/null; do sleep 1; done'\n");
        return s.ToString();
    }

    /// <summary>Single-quotes a word for sh.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
