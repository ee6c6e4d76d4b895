namespace GoSynth.Pkg.Ports;

/// <summary>A token of a <c>*_DEPENDS</c> variable that is not a valid dependency.</summary>
public sealed class DependencyFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="token"/> of a <paramref name="kind"/> variable.</summary>
    public DependencyFormatException(DependencyKind kind, string token, string rule)
        : base($"{kind.ToString().ToUpperInvariant()}_DEPENDS token '{token}': {rule}.")
    {
        Kind = kind;
        Token = token;
        Rule = rule;
    }

    /// <summary>The variable the token came from.</summary>
    public DependencyKind Kind { get; }

    /// <summary>The offending token.</summary>
    public string Token { get; }

    /// <summary>The rule it breaks.</summary>
    public string Rule { get; }
}
