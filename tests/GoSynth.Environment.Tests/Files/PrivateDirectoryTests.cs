using GoSynth.Environment.Files;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Files;

public sealed class PrivateDirectoryTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void Ensure_Missing_CreatesItAndItsParentsOwnerOnly()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("a", "b");

        var created = PrivateDirectory.Ensure(path);

        Assert.Equal(path, created);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(temp.Combine("a")));
    }

    [Fact]
    public void Ensure_ExistingPrivateDirectory_IsKeptWithItsContents()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("work");
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        File.WriteAllText(Path.Combine(path, "kept"), "x");

        PrivateDirectory.Ensure(path);

        Assert.True(File.Exists(Path.Combine(path, "kept")));
    }

    [Fact]
    public void Ensure_SymbolicLinkToADirectory_IsRefusedAndNotFollowed()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("target");
        Directory.CreateDirectory(target, OwnerOnly);
        var link = temp.Combine("link");
        File.CreateSymbolicLink(link, target);

        var ex = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(link));

        Assert.Equal(link, ex.Path);
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_DanglingSymbolicLink_IsRefusedAndNothingIsCreatedAtItsTarget()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("not-yet");
        var link = temp.Combine("link");
        File.CreateSymbolicLink(link, target);

        Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(link));

        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void Ensure_GroupOrWorldWritable_IsRefused()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("open");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        var ex = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(path));

        Assert.Contains("mode 770", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_RegularFile_IsRefused()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("file", "x");

        var ex = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(path));

        Assert.Contains("not a directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_OwnedByAnotherUser_IsRefused()
    {
        if (System.Environment.UserName != "root")
        {
            Assert.Skip("giving a directory to another user needs root");
        }

        using var temp = new TempDirectory();
        var path = temp.Combine("foreign");
        Directory.CreateDirectory(path, OwnerOnly);
        using (var chown = System.Diagnostics.Process.Start("chown", ["65534:65534", path]))
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        var ex = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(path));

        Assert.Contains("owned by uid 65534, not by uid 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_InsideAnOpenNonStickyDirectory_IsRefused()
    {
        using var temp = new TempDirectory();
        var open = temp.Combine("open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0x1FF); // 0777, not sticky

        var ex = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(Path.Combine(open, "work")));

        Assert.Contains("not sticky", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_InsideAnOpenStickyDirectory_IsAccepted()
    {
        using var temp = new TempDirectory();
        var shared = temp.Combine("shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0x3FF); // 1777, like /tmp

        var created = PrivateDirectory.Ensure(Path.Combine(shared, "work"));

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(created));
    }

    [Fact]
    public void Ensure_InsideADirectoryOfAnotherUser_IsRefused()
    {
        if (System.Environment.UserName != "root")
        {
            Assert.Skip("giving a directory to another user needs root");
        }

        using var temp = new TempDirectory();
        var theirs = temp.Combine("theirs");
        Directory.CreateDirectory(theirs);
        var mine = Directory.CreateDirectory(Path.Combine(theirs, "mine"), OwnerOnly).FullName;
        using (var chown = System.Diagnostics.Process.Start("chown", ["65534:65534", theirs]))
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        var ex = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(mine));

        Assert.Contains("owned by uid 65534, who could replace it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRoot_PrivateRuntimeDirectory_IsUsed()
    {
        using var runtime = new TempDirectory();

        Assert.Equal(Path.Combine(runtime.Path, "gosynth"), PrivateDirectory.DefaultRoot(runtime.Path, "/tmp"));
    }

    [Fact]
    public void DefaultRoot_NoOrUnsafeRuntimeDirectory_IsPerUserInTheTemporaryDirectory()
    {
        using var temp = new TempDirectory();
        var open = temp.Combine("open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0x1FF);
        var uid = System.Environment.UserName == "root" ? "0" : null;

        var none = PrivateDirectory.DefaultRoot(null, "/tmp");
        var unsafeOne = PrivateDirectory.DefaultRoot(open, "/tmp");

        Assert.Equal(none, unsafeOne);
        Assert.StartsWith("/tmp/gosynth-", none, StringComparison.Ordinal);
        Assert.NotEqual("/tmp/gosynth", none);
        if (uid is not null)
        {
            Assert.Equal("/tmp/gosynth-0", none);
        }
    }
}
