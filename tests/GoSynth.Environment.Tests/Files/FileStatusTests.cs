using System.Globalization;
using GoSynth.Environment.Files;

namespace GoSynth.Environment.Tests.Files;

/// <summary><see cref="FileStatus"/> against what stat(1) prints for the same files.</summary>
public sealed class FileStatusTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gosynth-filestatus-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string[] Stat(string format, string path)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", format, path]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text.Trim().Split(' ');
    }

    private static void Touch(params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start("touch", arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static void RequireLinuxStat()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("compares with GNU stat(1), which only Linux has here");
        }
    }

    [Fact]
    public void TryGet_RegularFile_MatchesStatCommand()
    {
        RequireLinuxStat();
        var path = Path.Combine(_directory, "file");
        File.WriteAllText(path, "twelve bytes");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.True(FileStatus.TryGet(path, followLinks: false, out var status));
        var expected = Stat("%s %i %f %u %g %.9Y %.9Z %d", path);

        Assert.True(status.IsRegularFile);
        Assert.Equal(12, status.Size);
        Assert.Equal(ulong.Parse(expected[1], CultureInfo.InvariantCulture), status.Inode);
        Assert.Equal(Convert.ToInt32(expected[2], 16), status.Mode);
        Assert.Equal(uint.Parse(expected[3], CultureInfo.InvariantCulture), status.UserId);
        Assert.Equal(uint.Parse(expected[4], CultureInfo.InvariantCulture), status.GroupId);
        Assert.Equal(expected[5].Replace(".", "", StringComparison.Ordinal), status.ModifiedNanoseconds.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(expected[6].Replace(".", "", StringComparison.Ordinal), status.ChangedNanoseconds.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TryGet_ModificationTimeSetBack_ChangeTimeStillMoves()
    {
        RequireLinuxStat();
        var path = Path.Combine(_directory, "file");
        File.WriteAllText(path, "a");
        var reference = Path.Combine(_directory, "reference");
        File.WriteAllText(reference, "");
        Touch("-r", path, reference);
        Assert.True(FileStatus.TryGet(path, followLinks: false, out var first));
        await Task.Delay(20, TestContext.Current.CancellationToken);

        File.WriteAllText(path, "b");
        Touch("-m", "-r", reference, path);
        Assert.True(FileStatus.TryGet(path, followLinks: false, out var second));

        Assert.Equal(first.ModifiedNanoseconds, second.ModifiedNanoseconds);
        Assert.NotEqual(first.ChangedNanoseconds, second.ChangedNanoseconds);
    }

    [Fact]
    public void TryGet_SymbolicLink_FollowsOnlyWhenAsked()
    {
        RequireLinuxStat();
        var target = Path.Combine(_directory, "target");
        File.WriteAllText(target, "contents");
        var link = Path.Combine(_directory, "link");
        File.CreateSymbolicLink(link, "target");

        Assert.True(FileStatus.TryGet(link, followLinks: false, out var itself));
        Assert.True(FileStatus.TryGet(link, followLinks: true, out var followed));

        Assert.True(itself.IsSymbolicLink);
        Assert.Equal("target".Length, itself.Size);
        Assert.True(followed.IsRegularFile);
        Assert.Equal("contents".Length, followed.Size);
        Assert.True(FileStatus.TryGet(_directory, followLinks: false, out var directory) && directory.IsDirectory);
    }

    [Fact]
    public void TryGet_Missing_ReturnsFalse()
    {
        Assert.False(FileStatus.TryGet(Path.Combine(_directory, "missing"), followLinks: false, out _));
    }

    [Fact]
    public void TryGet_OpenHandle_DescribesTheOpenedFileEvenAfterItsPathIsReplaced()
    {
        RequireLinuxStat();
        var path = Path.Combine(_directory, "opened");
        File.WriteAllText(path, "first contents");
        using var file = File.OpenHandle(path);
        Assert.True(FileStatus.TryGet(path, followLinks: true, out var before));

        // Replace the path by a rename: the handle still names the first file, the path the new one.
        var other = Path.Combine(_directory, "other");
        File.WriteAllText(other, "second, longer contents");
        File.Move(other, path, overwrite: true);

        Assert.True(FileStatus.TryGet(file, out var opened));
        Assert.True(FileStatus.TryGet(path, followLinks: true, out var now));
        Assert.Equal(before.Inode, opened.Inode);
        Assert.Equal(before.Size, opened.Size);
        Assert.Equal(before.ModifiedNanoseconds, opened.ModifiedNanoseconds);
        Assert.True(opened.IsRegularFile);
        Assert.NotEqual(now.Inode, opened.Inode);
        Assert.Equal(now.Size, long.Parse(Stat("%s", path)[0], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryGet_ClosedHandle_IsFalse()
    {
        var path = Path.Combine(_directory, "closed");
        File.WriteAllText(path, "x");
        var file = File.OpenHandle(path);
        file.Dispose();

        Assert.False(FileStatus.TryGet(file, out _));
    }
}
