namespace GoSynth.Web.Tests;

/// <summary>The generated validator of <see cref="GoSynthWebOptions"/>, with the rules the options check themselves.</summary>
public sealed class WebOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        Assert.True(new GoSynthWebOptionsValidator().Validate(null, new GoSynthWebOptions()).Succeeded);
    }

    [Theory]
    [InlineData("0123456789abcdef", true)]
    [InlineData("0123456789abcde", false)]
    [InlineData("", false)]
    public void Validate_Token_AtLeastSixteenCharacters(string token, bool valid)
    {
        var result = new GoSynthWebOptionsValidator().Validate(null, new GoSynthWebOptions { Token = token });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            var failure = Assert.Single(result.Failures!);
            Assert.Contains($"GoSynthWebOptions.Token must be at least 16 characters long; it has {token.Length}.", failure, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(50, true)]
    [InlineData(600_000, true)]
    [InlineData(49, false)]
    [InlineData(600_001, false)]
    [InlineData(-1, false)]
    public void Validate_StatusInterval_From50MsTo10Minutes(int milliseconds, bool valid)
    {
        var result = new GoSynthWebOptionsValidator().Validate(null, new GoSynthWebOptions { StatusInterval = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("GoSynthWebOptions.StatusInterval must be from 50 ms to 10 minutes", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_SeveralProblems_EveryOneReported()
    {
        var options = new GoSynthWebOptions { Token = "short", StatusInterval = TimeSpan.Zero, RetainedRuns = 0, MaxRequestBodyBytes = 1 };

        var failures = new GoSynthWebOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.Contains("RetainedRuns", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MaxRequestBodyBytes", StringComparison.Ordinal));
    }
}
