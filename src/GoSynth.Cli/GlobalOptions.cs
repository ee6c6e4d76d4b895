using System.CommandLine;

namespace GoSynth.Cli;

/// <summary>dsynth's global flags that <c>gosynth</c> keeps: <c>-C dir</c>, <c>-y</c>, <c>-S</c>. They go before the directive, as in dsynth, or after it.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> ConfigDirectory { get; } = new("-C")
    {
        Description = "The directory holding dsynth.ini. Default: /etc/dsynth, then /usr/local/etc/dsynth.",
        Recursive = true,
    };

    public Option<bool> Yes { get; } = new("-y")
    {
        Description = "Answer yes to every question (needed when standard input is not a terminal).",
        Recursive = true,
    };

    public Option<bool> Plain { get; } = new("-S")
    {
        Description = "No full-screen display: one line per port on standard output.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(ConfigDirectory);
        root.Options.Add(Yes);
        root.Options.Add(Plain);
    }
}
