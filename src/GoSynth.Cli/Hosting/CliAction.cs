using System.CommandLine;

namespace GoSynth.Cli.Hosting;

/// <summary>Gives a directive its <see cref="CliInvocation"/> and turns the errors a user can cause into one line and an exit code (<see cref="CliErrors"/>).</summary>
internal static class CliAction
{
    public static void Set(Command command, GlobalOptions global, CliHost host, Func<CliInvocation, Task<int>> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var invocation = new CliInvocation
            {
                Directive = command.Name,
                Parse = parse,
                Global = global.Read(parse),
                Host = host,
                CancellationToken = cancellationToken,
            };
            try
            {
                return await action(invocation).ConfigureAwait(false);
            }
            catch (Exception e) when (CliErrors.ExitCodeOf(e) is not null)
            {
                return await CliErrors.ReportAsync(e, invocation.Prefix, invocation.Global.Debug, invocation.Error).ConfigureAwait(false) ?? ExitCodes.Failure;
            }
        });
    }
}
