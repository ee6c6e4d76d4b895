using GoSynth.Builder.Configuration;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Configuration;

public sealed class DsynthConfigurationDescribeTests
{
    [Fact]
    public void Describe_ProfileOverGlobalOverDefault_NamesWhereEachValueCameFrom()
    {
        using var dir = new TempDirectory();
        var ini = dir.WriteFile("dsynth.ini",
            "[Global Configuration]\nprofile_selected = Live\nNumber_of_builders = 3\nPackage_suffix = .tzst\n\n[Live]\nNumber_of_builders = 5\n\n[Other]\nNumber_of_builders = 7\n");

        var settings = DsynthConfiguration.Describe(dir.Path).ToDictionary(s => s.Key);
        var other = DsynthConfiguration.Describe(dir.Path, "Other").ToDictionary(s => s.Key);

        Assert.Equal(("5", ini, 7, "Live"), (settings["Number_of_builders"].Value, settings["Number_of_builders"].File, settings["Number_of_builders"].Line, settings["Number_of_builders"].Section));
        Assert.Equal((".tzst", 4, "Global Configuration"), (settings["Package_suffix"].Value, settings["Package_suffix"].Line, settings["Package_suffix"].Section));
        Assert.True(settings["Meta_version"].IsDefault);
        Assert.Equal("2", settings["Meta_version"].Value);
        Assert.Equal(("Live", 2), (settings["profile_selected"].Value, settings["profile_selected"].Line));
        Assert.True(settings["Database_path"].GoSynthOnly);
        Assert.Equal("/build/synth/build/gosynth.db", settings["Database_path"].Value);
        Assert.Equal(("7", "Other"), (other["Number_of_builders"].Value, other["Number_of_builders"].Section));
        Assert.Equal("Other", other["profile_selected"].Value);
        Assert.True(other["profile_selected"].IsDefault);
    }

    [Fact]
    public void Describe_BadLine_ThrowsAsLoadDoes()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("dsynth.ini", "[Global Configuration]\nprofile_selected = Live\n\n[Live]\nNumber_of_bulders = 5\n");

        var e = Assert.Throws<BuilderConfigurationException>(() => DsynthConfiguration.Describe(dir.Path));

        Assert.Equal(5, e.Line);
    }
}
