using GoSynth.Builder.Configuration;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Configuration;

public sealed class DsynthConfigurationInitTests
{
    private static BuilderOptions Under(TempDirectory dir) => new()
    {
        PackagesDirectory = dir.Combine("b", "packages"),
        PortsDirectory = dir.Combine("ports"),
        OptionsDirectory = dir.Combine("b", "options"),
        DistfilesDirectory = dir.Combine("b", "distfiles"),
        BuildBase = dir.Combine("b", "build"),
        LogsDirectory = dir.Combine("b", "logs"),
        NumberOfBuilders = 3,
    };

    [Fact]
    public void Init_FreshDirectory_WritesACommentedFileThatReadsBackTheSame()
    {
        using var dir = new TempDirectory();
        var options = Under(dir);

        var result = DsynthConfiguration.Init(dir.Combine("etc"), options);
        var back = DsynthConfiguration.Load(dir.Combine("etc"));

        Assert.Equal(dir.Combine("etc", "dsynth.ini"), result.ConfigurationFile);
        Assert.Equal(dir.Combine("etc", "LiveSystem-make.conf"), result.MakeConfFile);
        Assert.Equal(options.PackagesDirectory, back.PackagesDirectory);
        Assert.Equal(options.EffectiveRepositoryDirectory, back.EffectiveRepositoryDirectory);
        Assert.Equal(options.PortsDirectory, back.PortsDirectory);
        Assert.Equal(options.BuildBase, back.BuildBase);
        Assert.Equal(options.LogsDirectory, back.LogsDirectory);
        Assert.Equal(3, back.NumberOfBuilders);
        Assert.Empty(back.MakeConf);
        var text = File.ReadAllText(result.ConfigurationFile);
        Assert.Contains("; Slots building at once", text, StringComparison.Ordinal);
        Assert.Contains("; GoSynth-only keys", text, StringComparison.Ordinal);
        Assert.Contains("; Database_path = ", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Combine("etc"), "*.tmp-*"));
    }

    [Fact]
    public void Init_CreatesTheDirectoriesButNotThePortsTree()
    {
        using var dir = new TempDirectory();
        var options = Under(dir);

        var result = DsynthConfiguration.Init(dir.Combine("etc"), options);

        foreach (var path in new[] { options.PackagesDirectory, options.EffectiveRepositoryDirectory, options.OptionsDirectory, options.DistfilesDirectory, options.BuildBase, options.LogsDirectory })
        {
            Assert.True(Directory.Exists(path), path);
            Assert.Contains(path, result.CreatedDirectories);
        }

        Assert.False(Directory.Exists(options.PortsDirectory));
    }

    [Fact]
    public void Init_ExistingFile_RefusedAndLeftUntouched()
    {
        using var dir = new TempDirectory();
        var existing = dir.WriteFile("etc/dsynth.ini", "; mine\n");

        var e = Assert.Throws<BuilderConfigurationException>(() => DsynthConfiguration.Init(dir.Combine("etc"), Under(dir)));

        Assert.Contains("does not overwrite", e.Message, StringComparison.Ordinal);
        Assert.Equal("; mine\n", File.ReadAllText(existing));
        Assert.False(Directory.Exists(dir.Combine("b")));
    }

    [Fact]
    public void Init_ExistingMakeConf_Kept()
    {
        using var dir = new TempDirectory();
        var makeConf = dir.WriteFile("etc/LiveSystem-make.conf", "MINE=1\n");

        var result = DsynthConfiguration.Init(dir.Combine("etc"), Under(dir));

        Assert.Null(result.MakeConfFile);
        Assert.Equal("MINE=1\n", File.ReadAllText(makeConf));
    }

    [Fact]
    public void Init_InvalidOptions_RefusedBeforeWritingAnything()
    {
        using var dir = new TempDirectory();
        var options = Under(dir);
        options.LogsDirectory = "relative/logs";

        Assert.Throws<BuilderConfigurationException>(() => DsynthConfiguration.Init(dir.Combine("etc"), options));
        Assert.False(File.Exists(dir.Combine("etc", "dsynth.ini")));
    }
}
