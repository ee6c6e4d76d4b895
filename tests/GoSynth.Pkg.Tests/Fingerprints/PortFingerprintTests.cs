using System.IO.Hashing;
using System.Text;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Fingerprints;

public sealed class PortFingerprintTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The rule written out independently: CRC32 over the concatenation of path, NUL, contents in ordinal path order.</summary>
    private static uint Reference(IEnumerable<(string Path, byte[] Contents)> files)
    {
        using var all = new MemoryStream();
        foreach (var (path, contents) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            all.Write(Encoding.UTF8.GetBytes(path));
            all.WriteByte(0);
            all.Write(contents);
        }

        return Crc32.HashToUInt32(all.ToArray());
    }

    private static void Write(TempDirectory dir, string relative, byte[] contents)
    {
        var full = dir.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, contents);
    }

    private static (string, byte[]) Text(string path, string contents) => (path, Encoding.UTF8.GetBytes(contents));

    [Fact]
    public void Crc32_StandardCheckValue_IsIeee()
    {
        // The catalogued check value of CRC-32/ISO-HDLC, so the reference below hashes what zlib and go-synth hash.
        Assert.Equal(0xCBF43926u, Crc32.HashToUInt32("123456789"u8));
    }

    [Fact]
    public void Compute_PortLikeTree_EqualsReferenceImplementation()
    {
        using var dir = new TempDirectory();
        var files = new List<(string, byte[])>
        {
            Text("Makefile", "PORTNAME=\tfoo\nPORTVERSION=\t1.0\n"),
            Text("distinfo", "TIMESTAMP = 1700000000\nSHA256 (foo-1.0.tar.gz) = abc\nSIZE (foo-1.0.tar.gz) = 123\n"),
            Text("pkg-descr", "Foo does things.\n"),
            Text("pkg-plist", "bin/foo\n"),
            Text("files/patch-Makefile", "--- Makefile.orig\n+++ Makefile\n"),
            Text("files/extra/deep/file.c", "int main(void) { return 0; }\n"),
            ("files/empty", []),
            Text("Makefile.local", "x"),
        };
        foreach (var (path, contents) in files)
        {
            Write(dir, path, contents);
        }

        var expected = Reference(files);
        Assert.Equal(expected, PortFingerprint.Compute(dir.Path, Ct));
    }

    [Fact]
    public async Task ComputeAsync_SameTree_EqualsSynchronousValue()
    {
        using var dir = new TempDirectory();
        Write(dir, "Makefile", Encoding.UTF8.GetBytes("PORTNAME=foo\n"));
        Write(dir, "files/patch-a", Encoding.UTF8.GetBytes("patch\n"));

        var sync = PortFingerprint.Compute(dir.Path, Ct);
        var async = await PortFingerprint.ComputeAsync(dir.Path, Ct);

        Assert.Equal(sync, async);
    }

    [Fact]
    public async Task ComputeAsync_FileLargerThanBuffer_StreamsWholeContents()
    {
        using var dir = new TempDirectory();
        var big = new byte[(3 * 64 * 1024) + 17];
        new Random(42).NextBytes(big);
        Write(dir, "files/big.bin", big);
        Write(dir, "Makefile", [1, 2, 3]);
        var expected = Reference([("files/big.bin", big), ("Makefile", [1, 2, 3])]);

        Assert.Equal(expected, PortFingerprint.Compute(dir.Path, Ct));
        Assert.Equal(expected, await PortFingerprint.ComputeAsync(dir.Path, Ct));
    }

    [Fact]
    public void Compute_DifferentCreationOrder_SameFingerprint()
    {
        string[] names = ["b", "a", "files/z", "files/a", "Makefile", "A", "files/sub/x", "distinfo"];
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        foreach (var name in names)
        {
            Write(first, name, Encoding.UTF8.GetBytes("contents of " + name));
        }

        foreach (var name in names.Reverse())
        {
            Write(second, name, Encoding.UTF8.GetBytes("contents of " + name));
        }

        Assert.Equal(PortFingerprint.Compute(first.Path, Ct), PortFingerprint.Compute(second.Path, Ct));
    }

    [Fact]
    public void Compute_OrdinalOrder_UppercaseBeforeLowercaseAndSlashBeforeLetters()
    {
        using var dir = new TempDirectory();
        // Ordinal order: "Makefile" < "a" < "files-extra" < "files/x", because 'M' < 'a' and '-' (0x2D) < '/' (0x2F).
        (string, byte[])[] files = [Text("a", "1"), Text("Makefile", "2"), Text("files/x", "3"), Text("files-extra", "4")];
        foreach (var (path, contents) in files)
        {
            Write(dir, path, contents);
        }

        Assert.Equal(Reference(files), PortFingerprint.Compute(dir.Path, Ct));
    }

    [Theory]
    [InlineData(".git")]
    [InlineData("work")]
    [InlineData(".svn")]
    [InlineData("CVS")]
    public void Compute_SkippedDirectoryAtAnyDepth_IsIgnored(string skipped)
    {
        using var dir = new TempDirectory();
        Write(dir, "Makefile", Encoding.UTF8.GetBytes("PORTNAME=foo\n"));
        Write(dir, "files/patch-a", Encoding.UTF8.GetBytes("p"));
        var before = PortFingerprint.Compute(dir.Path, Ct);

        Write(dir, skipped + "/state", Encoding.UTF8.GetBytes("anything"));
        Write(dir, "files/" + skipped + "/nested/state", Encoding.UTF8.GetBytes("anything"));

        Assert.Equal(before, PortFingerprint.Compute(dir.Path, Ct));
        Assert.Equal(Reference([Text("Makefile", "PORTNAME=foo\n"), Text("files/patch-a", "p")]), before);
    }

    [Fact]
    public void Compute_FileNamedLikeSkippedDirectory_IsIncluded()
    {
        using var dir = new TempDirectory();
        Write(dir, "Makefile", [1]);
        var before = PortFingerprint.Compute(dir.Path, Ct);

        Write(dir, "work", [2]);

        Assert.NotEqual(before, PortFingerprint.Compute(dir.Path, Ct));
        Assert.Equal(Reference([("Makefile", [1]), ("work", [2])]), PortFingerprint.Compute(dir.Path, Ct));
    }

    [Fact]
    public void Compute_OneByteChanged_ChangesFingerprint()
    {
        using var dir = new TempDirectory();
        Write(dir, "Makefile", Encoding.UTF8.GetBytes("PORTVERSION=1.0\n"));
        Write(dir, "distinfo", Encoding.UTF8.GetBytes("SIZE (x) = 1\n"));
        var before = PortFingerprint.Compute(dir.Path, Ct);

        Write(dir, "Makefile", Encoding.UTF8.GetBytes("PORTVERSION=1.1\n"));

        Assert.NotEqual(before, PortFingerprint.Compute(dir.Path, Ct));
    }

    [Fact]
    public void Compute_FileRenamedSameContents_ChangesFingerprint()
    {
        using var dir = new TempDirectory();
        Write(dir, "files/patch-a", Encoding.UTF8.GetBytes("same"));
        var before = PortFingerprint.Compute(dir.Path, Ct);

        File.Move(dir.Combine("files", "patch-a"), dir.Combine("files", "patch-b"));

        Assert.NotEqual(before, PortFingerprint.Compute(dir.Path, Ct));
    }

    [Fact]
    public void Compute_FileAddedOrEmptyDirectoryAdded_OnlyFileChangesFingerprint()
    {
        using var dir = new TempDirectory();
        Write(dir, "Makefile", [1]);
        var before = PortFingerprint.Compute(dir.Path, Ct);

        Directory.CreateDirectory(dir.Combine("files"));
        Assert.Equal(before, PortFingerprint.Compute(dir.Path, Ct));

        Write(dir, "files/empty", []);
        Assert.NotEqual(before, PortFingerprint.Compute(dir.Path, Ct));
    }

    [Fact]
    public void Compute_SymbolicLink_HashesTargetTextAndDoesNotFollow()
    {
        using var dir = new TempDirectory();
        using var outside = new TempDirectory();
        var outsideFile = Path.Combine(outside.Path, "secret");
        File.WriteAllText(outsideFile, "v1");
        Write(dir, "Makefile", [1]);
        File.CreateSymbolicLink(dir.Combine("link"), outsideFile);
        Directory.CreateSymbolicLink(dir.Combine("dirlink"), outside.Path);

        var first = PortFingerprint.Compute(dir.Path, Ct);
        Assert.Equal(Reference([("Makefile", [1]), Text("link", outsideFile), Text("dirlink", outside.Path)]), first);

        File.WriteAllText(outsideFile, "v2 changed outside the tree");
        Assert.Equal(first, PortFingerprint.Compute(dir.Path, Ct));

        File.Delete(dir.Combine("link"));
        File.CreateSymbolicLink(dir.Combine("link"), outsideFile + ".other");
        Assert.NotEqual(first, PortFingerprint.Compute(dir.Path, Ct));
    }

    [Fact]
    public void Compute_EmptyDirectory_IsCrcOfNothing()
    {
        using var dir = new TempDirectory();
        Assert.Equal(Crc32.HashToUInt32([]), PortFingerprint.Compute(dir.Path, Ct));
    }

    [Fact]
    public void Compute_MissingDirectory_ThrowsNamingThePath()
    {
        using var dir = new TempDirectory();
        var missing = dir.Combine("devel", "nope");

        var ex = Assert.Throws<DirectoryNotFoundException>(() => PortFingerprint.Compute(missing, Ct));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputeAsync_Cancelled_Throws()
    {
        using var dir = new TempDirectory();
        Write(dir, "Makefile", [1]);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await PortFingerprint.ComputeAsync(dir.Path, cts.Token));
    }

    [Fact]
    public async Task Compute_FifoInPortDirectory_CountsAsEmptyFileWithoutBlocking()
    {
        using var dir = new TempDirectory();
        using var same = new TempDirectory();
        Write(dir, "Makefile", Encoding.UTF8.GetBytes("PORTNAME=x\n"));
        Write(same, "Makefile", Encoding.UTF8.GetBytes("PORTNAME=x\n"));
        Write(same, "files/pipe", []);
        Directory.CreateDirectory(dir.Combine("files"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [dir.Combine("files", "pipe")]))
        {
            await mkfifo.WaitForExitAsync(Ct);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading blocks until a writer appears: bound the wait so a regression fails, not hangs.
        var sync = await Task.Run(() => PortFingerprint.Compute(dir.Path, Ct), Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var async = await PortFingerprint.ComputeAsync(dir.Path, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(PortFingerprint.Compute(same.Path, Ct), sync);
        Assert.Equal(sync, async);
    }

    [Fact]
    public void Format_Value_EightLowercaseHexDigits()
    {
        Assert.Equal("0000beef", PortFingerprint.Format(0xBEEF));
        Assert.Equal("cbf43926", PortFingerprint.Format(0xCBF43926));
    }
}
