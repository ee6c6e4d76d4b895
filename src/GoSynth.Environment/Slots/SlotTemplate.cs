using GoSynth.Environment.Internal.Slots;

namespace GoSynth.Environment.Slots;

/// <summary>
/// Creates the Template that every slot gets a copy of: the system's <c>etc</c> files a build needs, <c>tmp</c> and
/// <c>var/tmp</c> (mode 1777), <c>var/db/pkg</c>, <c>var/run</c>, <c>root</c> and <c>usr/local/{bin,sbin,lib,etc/pkg}</c>.
/// On FreeBSD/DragonFly the whole <c>etc</c> is copied without SSH host keys and <c>localtime</c> (builds run in UTC),
/// plus <c>var/run/ld-elf.so.hints</c>; on Linux the files name resolution, users and the dynamic linker read, and the links of
/// <c>etc/alternatives</c> through which Debian names tools such as <c>awk</c>.
/// A <c>.template.good</c> marker is written last; a template without it is incomplete.
/// </summary>
public static class SlotTemplate
{
    /// <summary>The marker written when a template is complete.</summary>
    public const string GoodMarker = ".template.good";

    private static readonly string[] s_linuxEtcFiles =
        ["passwd", "group", "shadow", "hosts", "resolv.conf", "nsswitch.conf", "ld.so.cache", "ld.so.conf", "services", "protocols", "localtime"];

    private static readonly string[] s_directories =
        ["etc", "tmp", "var/tmp", "var/db/pkg", "var/run", "var/cache/pkg", "root", "usr/local/bin", "usr/local/sbin", "usr/local/lib", "usr/local/etc/pkg"];

    /// <summary>Whether <paramref name="templateDirectory"/> holds a complete template.</summary>
    public static bool IsComplete(string templateDirectory) => File.Exists(Path.Combine(templateDirectory, GoodMarker));

    /// <summary>(Re)creates the template at <paramref name="templateDirectory"/> from the system at <paramref name="systemRoot"/>.</summary>
    /// <param name="templateDirectory">Where to write; its old content is deleted first, never crossing into a mount point.</param>
    /// <param name="systemRoot">The system to copy from, normally <c>/</c>.</param>
    /// <param name="backend">Which layout to produce; <see cref="SlotBackend.Auto"/> follows the running OS.</param>
    /// <exception cref="SlotException">
    /// The directory cannot be a template: it is <c>/</c> or <paramref name="systemRoot"/>, it holds slot directories
    /// (<c>SLnn</c>, so it is a build base), or something is mounted inside it. Nothing was deleted.
    /// </exception>
    public static void Create(string templateDirectory, string systemRoot = "/", SlotBackend backend = SlotBackend.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(templateDirectory);
        var bsd = backend is SlotBackend.FreeBsd or SlotBackend.DragonFly || (backend == SlotBackend.Auto && !OperatingSystem.IsLinux());
        if (Directory.Exists(templateDirectory))
        {
            RefuseUnsafeTemplate(templateDirectory, systemRoot);
            SafeTree.EmptyDirectory(templateDirectory, SafeTree.LiveMountPoints());
        }

        foreach (var dir in s_directories)
        {
            Directory.CreateDirectory(Path.Combine(templateDirectory, dir));
        }

        if (!OperatingSystem.IsWindows())
        {
            var sticky = (UnixFileMode)Convert.ToInt32("1777", 8);
            File.SetUnixFileMode(Path.Combine(templateDirectory, "tmp"), sticky);
            File.SetUnixFileMode(Path.Combine(templateDirectory, "var", "tmp"), sticky);
            File.SetUnixFileMode(Path.Combine(templateDirectory, "root"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var etc = Path.Combine(systemRoot, "etc");
        var targetEtc = Path.Combine(templateDirectory, "etc");
        if (bsd)
        {
            TreeCopier.CopyContents(etc, targetEtc);
            foreach (var key in Directory.Exists(Path.Combine(targetEtc, "ssh")) ? Directory.EnumerateFiles(Path.Combine(targetEtc, "ssh"), "*key*") : [])
            {
                File.Delete(key);
            }

            File.Delete(Path.Combine(targetEtc, "localtime"));
            CopyIfExists(Path.Combine(systemRoot, "var", "run", "ld-elf.so.hints"), Path.Combine(templateDirectory, "var", "run", "ld-elf.so.hints"));
        }
        else
        {
            foreach (var name in s_linuxEtcFiles.Where(n => n != "localtime"))
            {
                CopyIfExists(Path.Combine(etc, name), Path.Combine(targetEtc, name));
            }

            CopyAlternatives(Path.Combine(etc, "alternatives"), Path.Combine(targetEtc, "alternatives"));
        }

        File.WriteAllText(Path.Combine(templateDirectory, GoodMarker), string.Empty);
    }

    private static void RefuseUnsafeTemplate(string templateDirectory, string systemRoot)
    {
        var real = Path.TrimEndingDirectorySeparator(Internal.LibC.RealPath(templateDirectory));
        if (real is "/" or "" || real == Path.TrimEndingDirectorySeparator(Internal.LibC.RealPath(systemRoot)))
        {
            throw new SlotException($"refusing to use '{templateDirectory}' as the slot template: it is the system root; choose an empty directory such as <BuildBase>/Template");
        }

        var slots = Directory.EnumerateDirectories(real).Select(Path.GetFileName).Where(n => n is not null && SlotNaming.IsSlotName(n)).ToList();
        if (slots.Count > 0)
        {
            throw new SlotException(
                $"refusing to use '{templateDirectory}' as the slot template: it holds slot directories ({string.Join(", ", slots)}), so it is a build base; " +
                "creating the template would delete them. Use <BuildBase>/Template");
        }
    }

    /// <summary>
    /// Debian names many tools through <c>/etc/alternatives</c> (<c>/usr/bin/awk</c> is a link to
    /// <c>/etc/alternatives/awk</c>, a link to <c>/usr/bin/mawk</c>): without those links a slot that sees the host's
    /// <c>/usr</c> has no <c>awk</c>. Only the links are copied, as links; anything else there is left out.
    /// </summary>
    private static void CopyAlternatives(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            return;
        }

        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is { } target)
            {
                File.CreateSymbolicLink(Path.Combine(destination, entry.Name), target);
            }
        }
    }

    private static void CopyIfExists(string source, string destination)
    {
        if (File.Exists(source))
        {
            File.Copy(source, destination, overwrite: true);
        }
    }
}
