using System.CommandLine;

namespace GoSynth.Cli.Hosting;

/// <summary>
/// One run of one directive: its parsed command line, the global flags, where it writes, the terminal it may ask, and
/// the token Ctrl+C cancels. Every directive gets one from <see cref="CliAction"/>.
/// </summary>
internal sealed class CliInvocation
{
    public required string Directive { get; init; }

    public required ParseResult Parse { get; init; }

    public required GlobalSettings Global { get; init; }

    public required CliHost Host { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    public TextWriter Output => Parse.InvocationConfiguration.Output;

    public TextWriter Error => Parse.InvocationConfiguration.Error;

    /// <summary>What every error line of this directive starts with: <c>gosynth &lt;directive&gt;: </c>.</summary>
    public string Prefix => "gosynth " + Directive + ": ";

    /// <summary>This invocation with other global settings (a directive that implies a flag).</summary>
    public CliInvocation WithGlobal(GlobalSettings global) => new()
    {
        Directive = Directive,
        Parse = Parse,
        Global = global,
        Host = Host,
        CancellationToken = CancellationToken,
    };

    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    public T? Get<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>
    /// Asks a yes/no question: true with <c>-y</c>; when standard input is not a terminal, a usage error telling to pass
    /// <c>-y</c> (never waits on a pipe); otherwise true only for an answer of y or yes.
    /// </summary>
    /// <exception cref="CliException">Standard input is not a terminal and <c>-y</c> was not given.</exception>
    public async Task<bool> ConfirmAsync(string question)
    {
        if (Global.Yes)
        {
            return true;
        }

        if (!Host.InputIsTerminal)
        {
            throw CliException.Usage($"standard input is not a terminal, so nobody can answer \"{question}\"; pass -y to answer yes");
        }

        await Output.WriteAsync(question + " [y/N] ").ConfigureAwait(false);
        await Output.FlushAsync(CancellationToken).ConfigureAwait(false);
        var answer = (await Host.Input.ReadLineAsync(CancellationToken).ConfigureAwait(false))?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    // Lines are written whatever the token says: after Ctrl+C the directive still reports how the run ended.
    public Task WriteLineAsync(string line) => Output.WriteLineAsync(line);

    public Task ErrorLineAsync(string line) => Error.WriteLineAsync(Prefix + line);
}
