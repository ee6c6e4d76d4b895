using System.CommandLine;
using System.CommandLine.Parsing;

namespace GoSynth.Cli.Hosting;

/// <summary>Validators for option values and port arguments: each problem becomes a parse error (exit 2, one line).</summary>
internal static class OptionChecks
{
    /// <summary>Adds a check of the option's value; <paramref name="check"/> returns the problem or null. A value that does not convert is reported by the parser itself.</summary>
    public static TOption Check<TOption, T>(this TOption option, Func<T, string?> check)
        where TOption : Option<T>
    {
        option.Validators.Add(result =>
        {
            T? value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }

            if (value is not null && check(value) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return option;
    }

    /// <summary>
    /// Rejects a token that looks like an option among port names: a list argument would otherwise take an unknown
    /// option such as <c>--bogus</c> as a port.
    /// </summary>
    public static Argument<T> RejectOptionLikeTokens<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"Unrecognized option '{token.Value}'");
            }
        });
        return argument;
    }
}
