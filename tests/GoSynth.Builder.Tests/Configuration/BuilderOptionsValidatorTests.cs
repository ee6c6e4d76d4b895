using GoSynth.Builder.Configuration;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Configuration;

/// <summary>The generated validator as the configuration reader uses it: every problem, its property, a clean message.</summary>
public sealed class BuilderOptionsValidatorTests
{
    [Fact]
    public void Problems_ValidOptions_None()
    {
        Assert.Empty(BuilderOptionsValidator.Problems(new BuilderOptions()));
    }

    [Fact]
    public void Problems_AttributeAndRuleFailures_EachWithItsPropertyAndAMessageWithoutThePrefix()
    {
        var options = new BuilderOptions { NumberOfBuilders = 0, LogsDirectory = "logs", PackageSuffix = ".zip", LeveragePrebuilt = true };

        var problems = BuilderOptionsValidator.Problems(options);

        Assert.Equal(["NumberOfBuilders", "LogsDirectory", "PackageSuffix", "LeveragePrebuilt"], problems.Select(p => p.Member));
        Assert.Contains("must be between 1 and 1024", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("Directory_logs must be an absolute path; it is 'logs'.", problems[1].Message);
        Assert.StartsWith("Package_suffix '.zip' is not one of", problems[2].Message, StringComparison.Ordinal);
        Assert.Equal("leverage_prebuilt = true is not supported (as in dsynth).", problems[3].Message);
    }

    [Fact]
    public void Problems_RequiredValueMissing_Reported()
    {
        var problems = BuilderOptionsValidator.Problems(new BuilderOptions { PortsDirectory = null! });

        var problem = Assert.Single(problems, p => p.Member == "PortsDirectory");
        Assert.Contains("required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_InvalidOptions_MessageListsEveryProblemWithoutPropertyPrefixes()
    {
        using var dir = new TempDirectory();
        var options = new BuilderOptions { LogsDirectory = "relative/logs", MetaVersion = 3 };

        var e = Assert.Throws<BuilderConfigurationException>(() => DsynthConfiguration.Init(dir.Combine("etc"), options));

        Assert.Contains("cannot write an invalid configuration: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("MetaVersion must be between 1 and 2.", e.Message, StringComparison.Ordinal);
        Assert.Contains("Directory_logs must be an absolute path; it is 'relative/logs'.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LogsDirectory:", e.Message, StringComparison.Ordinal);
    }
}
