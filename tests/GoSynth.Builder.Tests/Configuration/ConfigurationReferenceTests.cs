using System.Reflection;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Configuration.Internal;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Configuration;

/// <summary>docs/configuration.md is generated from the key table the parser uses; these tests keep the two in step.</summary>
public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void Document_ComparedWithTheCode_IsWhatTheCodeGenerates()
    {
        var path = Path.Combine(RepositoryPaths.Root, ConfigurationReference.DocumentPath);
        var generated = ConfigurationReference.Markdown();
        if (System.Environment.GetEnvironmentVariable("GOSYNTH_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{ConfigurationReference.DocumentPath} is missing; run the test with GOSYNTH_UPDATE_DOCS=1 to write it.");
        var written = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(
            written == generated,
            $"{ConfigurationReference.DocumentPath} differs from what the key table generates; run " +
            "GOSYNTH_UPDATE_DOCS=1 dotnet test tests/GoSynth.Builder.Tests --filter ConfigurationReference and commit the file.\n" +
            FirstDifference(written, generated));
    }

    [Fact]
    public void Defaults_EveryKey_HasExactlyOneStatedDefault()
    {
        var keys = ConfigurationKeys.All.Select(k => k.Name).Order(StringComparer.OrdinalIgnoreCase).ToArray();

        Assert.Equal(keys, ConfigurationKeyDefaults.Names.Order(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Defaults_LiteralValue_IsAcceptedAndLeavesTheOptionsAsAFreshInstanceHasThem()
    {
        foreach (var key in ConfigurationKeys.All)
        {
            var stated = ConfigurationKeyDefaults.Of(key.Name);
            if (!stated.IsLiteral)
            {
                continue;
            }

            var options = new BuilderOptions();
            key.Apply(options, stated.Text);

            foreach (var property in typeof(BuilderOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                Assert.True(
                    Equals(property.GetValue(new BuilderOptions()), property.GetValue(options)) || property.PropertyType == typeof(IList<string>),
                    $"{key.Name} = {stated.Text} (the documented default) sets {property.Name} to {property.GetValue(options)}, not to its default {property.GetValue(new BuilderOptions())}");
            }
        }
    }

    [Fact]
    public void Defaults_WrittenByInit_AreTheStatedLiteralDefaults()
    {
        // What init writes for a fresh configuration is what the reference calls the default (host-dependent keys aside).
        var fresh = new BuilderOptions();
        foreach (var key in ConfigurationKeys.All.Where(k => k.InitValue is not null))
        {
            var stated = ConfigurationKeyDefaults.Of(key.Name);
            if (stated.IsLiteral)
            {
                Assert.Equal(stated.Text, key.InitValue!(fresh));
            }
        }
    }

    private static string FirstDifference(string written, string generated)
    {
        var a = written.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end of file)";
            var right = i < b.Length ? b[i] : "(end of file)";
            if (left != right)
            {
                return $"line {i + 1}:\n  file: {left}\n  code: {right}";
            }
        }

        return "";
    }
}
