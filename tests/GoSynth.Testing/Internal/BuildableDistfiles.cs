using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace GoSynth.Testing.Internal;

/// <summary>
/// The distribution file of a buildable generated port: a reproducible <c>.tar.gz</c> holding
/// <c>&lt;name&gt;-&lt;version&gt;/Makefile</c> and <c>data.txt</c>. Its build substitutes the package name into the
/// text file; its install copies the result to <c>${PREFIX}/share/generated/${NAME}.txt</c>.
/// </summary>
internal static class BuildableDistfiles
{
    /// <summary>What a buildable port's Makefile adds: the name passed to the distribution's make, and the packing list.</summary>
    public const string MakefileLines = "MAKE_ARGS=\tNAME=${PKGBASE}\nPLIST_FILES=\tshare/generated/${PKGBASE}.txt\n";

    private const string DistributionMakefile = """
        # A generated distribution: one substituted text file, installed under share/generated.
        PREFIX ?= /usr/local
        NAME ?= unnamed

        all: out.txt

        out.txt: data.txt
        	sed -e 's|@NAME@|$(NAME)|g' data.txt > out.txt

        install: out.txt
        	mkdir -p $(DESTDIR)$(PREFIX)/share/generated
        	cp out.txt $(DESTDIR)$(PREFIX)/share/generated/$(NAME).txt

        clean:
        	rm -f out.txt

        """;

    // 2025-01-01T00:00:00Z, the TIMESTAMP of every generated distinfo.
    private static readonly DateTimeOffset s_mtime = DateTimeOffset.FromUnixTimeSeconds(1_735_689_600);

    public static string FileName(GeneratedPort port) => port.Name + "-" + port.Version + ".tar.gz";

    public static byte[] Archive(GeneratedPort port)
    {
        var top = port.Name + "-" + port.Version + "/";
        var data = $"@NAME@ {port.Version}: generated port {port.Index.ToString(CultureInfo.InvariantCulture)} ({port.Origin}).\n";
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(Entry(TarEntryType.Directory, top, null));
            tar.WriteEntry(Entry(TarEntryType.RegularFile, top + "Makefile", DistributionMakefile.Replace("\r\n", "\n", StringComparison.Ordinal)));
            tar.WriteEntry(Entry(TarEntryType.RegularFile, top + "data.txt", data));
        }

        return output.ToArray();
    }

    public static string Distinfo(GeneratedPort port, byte[] archive) =>
        "TIMESTAMP = 1735689600\n"
        + "SHA256 (" + FileName(port) + ") = " + Convert.ToHexStringLower(SHA256.HashData(archive)) + "\n"
        + "SIZE (" + FileName(port) + ") = " + archive.Length.ToString(CultureInfo.InvariantCulture) + "\n";

    private static UstarTarEntry Entry(TarEntryType type, string name, string? content)
    {
        var entry = new UstarTarEntry(type, name)
        {
            ModificationTime = s_mtime,
            Uid = 0,
            Gid = 0,
            UserName = "root",
            GroupName = "wheel",
            Mode = type == TarEntryType.Directory
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        if (content is not null)
        {
            entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        }

        return entry;
    }
}
