using GoSynth.Environment.Files;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// The scan's work directory (stubs, empty LOCALBASE) is private: planted links, foreign or open directories are
/// refused, and reused stubs are checked by content.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateWorkDirectoryTests
{
    private static async Task<PortScanResult> ScanAsync(MiniPortsTree tree, string? workDirectory = null)
    {
        var options = tree.Options();
        if (workDirectory is not null)
        {
            options.WorkDirectory = workDirectory;
        }

        var scanner = new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner());
        return await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("ports-mgmt/pkg")), cancellationToken: TestContext.Current.CancellationToken);
    }

    private static void RequireUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("owner and mode checks are for Unix hosts");
        }
    }

    [Fact]
    public void DefaultWorkDirectory_IsPerUserAndNotAFixedSharedName()
    {
        var work = new PkgOptions().ResolveWorkDirectory();

        Assert.NotEqual(Path.Combine(Path.GetTempPath(), "gosynth"), work);
        Assert.Equal(PrivateDirectory.DefaultRoot(), work);
    }

    [Fact]
    public async Task Scan_WorkDirectoryIsAPlantedSymlink_IsRefused()
    {
        MiniPortsTree.RequireBmake();
        RequireUnix();
        using var tree = new MiniPortsTree();
        using var elsewhere = new TempDirectory();
        File.CreateSymbolicLink(tree.Work, elsewhere.Path);

        var ex = await Assert.ThrowsAsync<PrivateDirectoryException>(() => ScanAsync(tree));

        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere.Path));
    }

    [Fact]
    public async Task Scan_WorkDirectoryWritableByOthers_IsRefused()
    {
        MiniPortsTree.RequireBmake();
        RequireUnix();
        using var tree = new MiniPortsTree();
        Directory.CreateDirectory(tree.Work);
        File.SetUnixFileMode(tree.Work, (UnixFileMode)0x1FF); // 0777

        var ex = await Assert.ThrowsAsync<PrivateDirectoryException>(() => ScanAsync(tree));

        Assert.Contains("writable by group or others", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_WorkDirectoryOwnedByAnotherUser_IsRefused()
    {
        MiniPortsTree.RequireBmake();
        RequireUnix();
        if (System.Environment.UserName != "root")
        {
            Assert.Skip("giving a directory to another user needs root");
        }

        using var tree = new MiniPortsTree();
        Directory.CreateDirectory(tree.Work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Chown(tree.Work, "65534");

        var ex = await Assert.ThrowsAsync<PrivateDirectoryException>(() => ScanAsync(tree));

        Assert.Contains("owned by uid 65534", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_StubTamperedWithSameLength_IsRewritten()
    {
        MiniPortsTree.RequireBmake();
        RequireUnix();
        using var tree = new MiniPortsTree();
        await ScanAsync(tree);
        var stubs = Assert.Single(Directory.GetDirectories(tree.Work, "makesyspath-*"));
        var stub = Path.Combine(stubs, "bsd.port.mk");
        var original = File.ReadAllBytes(stub);
        var tampered = (byte[])original.Clone();
        tampered[0] = (byte)(tampered[0] == (byte)'#' ? '%' : '#');
        File.WriteAllBytes(stub, tampered);

        var scan = await ScanAsync(tree);

        Assert.Equal(original, File.ReadAllBytes(Path.Combine(Assert.Single(Directory.GetDirectories(tree.Work, "makesyspath-*")), "bsd.port.mk")));
        Assert.All(scan.Results, r => Assert.Equal(GoSynth.Pkg.Ports.PortQueryStatus.Found, r.Status));
    }

    [Fact]
    public async Task Scan_SomethingPlantedInTheEmptyLocalBase_IsRemoved()
    {
        MiniPortsTree.RequireBmake();
        RequireUnix();
        using var tree = new MiniPortsTree();
        await ScanAsync(tree);
        File.WriteAllText(Path.Combine(tree.Work, "empty", "planted.mk"), "");
        Directory.CreateDirectory(Path.Combine(tree.Work, "empty", "lib"));

        await ScanAsync(tree);

        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(tree.Work, "empty")));
    }

    [Fact]
    public async Task Scan_NewWorkDirectory_IsCreatedOwnerOnly()
    {
        MiniPortsTree.RequireBmake();
        RequireUnix();
        using var tree = new MiniPortsTree();

        await ScanAsync(tree);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(tree.Work));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(tree.Work, "empty")));
    }

    private static void Chown(string path, string owner)
    {
        using var process = System.Diagnostics.Process.Start("chown", [owner, path]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
