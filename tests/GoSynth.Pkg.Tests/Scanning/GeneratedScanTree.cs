using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// A generated tree of 5,000 ports (25 categories, each port depending on up to three later ones, some on a flavor
/// of a flavored port) on disk, answered by a fake make: written once for the scale tests.
/// </summary>
public sealed class GeneratedScanTree : IDisposable
{
    public const int Count = 5000;

    private readonly Dictionary<string, string[]> _answers = new(StringComparer.Ordinal);

    public GeneratedScanTree()
    {
        Directory = new TempDirectory("gosynth-scale-");
        var random = new Random(4242);
        var origins = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            origins[i] = $"cat{i % 25:D2}/port{i:D5}";
        }

        for (var i = 0; i < Count; i++)
        {
            var deps = new List<string>();
            for (var k = 0; k < 3 && i + 1 < Count; k++)
            {
                var j = random.Next(i + 1, Count);
                deps.Add($"p{j}>=1:{origins[j]}");
            }

            if (i % 97 == 0)
            {
                deps.Add("lib.so:lang/multi@b");
            }

            _answers[origins[i]] = ScriptedProcessRunner.Answer("1.0", $"port{i}-1.0.pkg", build: string.Join(' ', deps.Take(2)), run: string.Join(' ', deps.Skip(2)));
        }

        _answers["lang/multi"] = ScriptedProcessRunner.Answer("2.0", "multi-2.0.pkg", flavors: "a b");
        _answers["ports-mgmt/pkg"] = ScriptedProcessRunner.Answer("2.1.0", "pkg-2.1.0.pkg");
        Parallel.ForEach(_answers.Keys, origin => Directory.WriteFile("ports/" + origin + "/Makefile", "PORTNAME=x\n"));
    }

    public TempDirectory Directory { get; }

    /// <summary>A fake make answering each port from the generated answers; the framework probe (one call: the empty
    /// <c>PORTS_ENV_VARS</c> and its empty value list) gets two empty lines.</summary>
    internal ScriptedProcessRunner Runner() => new(spec =>
        spec.Arguments.Contains("-VPORTS_ENV_VARS") ? (0, ["", ""], "") : (0, _answers[ScriptedProcessRunner.OriginOf(spec)], ""));

    public void Dispose() => Directory.Dispose();
}
