using System.Collections.Immutable;
using GoSynth.Environment.Processes;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Processes;

public sealed class FileOutputSinkTests
{
    [Fact]
    public async Task OnLine_ProcessOutputAndBanners_AreAppendedInOrder()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("logs", "misc___hello.log");
        using (var sink = new FileOutputSink(path))
        {
            sink.WriteLine("--- Phase: build");
            await new ProcessRunner().RunAsync(
                new ProcessSpec("/bin/sh", ["-c", "echo compiling; echo warning >&2; echo linking"]) { Environment = ImmutableDictionary<string, string>.Empty.Add("PATH", "/usr/bin:/bin") },
                sink,
                TestContext.Current.CancellationToken);
            sink.WriteLine("--- SUCCEEDED");
        }

        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal("--- Phase: build", lines[0]);
        Assert.Equal("--- SUCCEEDED", lines[^1]);
        Assert.Equal(["compiling", "linking"], lines.Where(l => l is "compiling" or "linking"));
        Assert.Contains("warning", lines);
    }

    [Fact]
    public void WriteLine_AfterDispose_Throws()
    {
        using var dir = new TempDirectory();
        var sink = new FileOutputSink(dir.Combine("x.log"));
        sink.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sink.WriteLine("late"));
    }
}
