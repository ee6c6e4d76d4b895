namespace GoSynth.Pkg.Ports;

/// <summary>A port spec given by a user that breaks a rule of <see cref="PortSpec.Parse"/>.</summary>
public sealed class PortSpecException : FormatException
{
    /// <summary>Creates the exception for <paramref name="input"/> breaking <paramref name="rule"/>.</summary>
    public PortSpecException(string input, string rule)
        : base($"invalid port spec '{input}': {rule}")
    {
        Input = input;
        Rule = rule;
    }

    /// <summary>The spec as given.</summary>
    public string Input { get; }

    /// <summary>The rule it breaks.</summary>
    public string Rule { get; }
}
