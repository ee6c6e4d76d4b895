using System.CommandLine;
using System.Text.Json;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Running;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Json;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth why &lt;port&gt; [--json]</c>: what a build would do with the port and why, as the plan's reason chain:
/// the port's decision, then the dependency it names, down to the port whose own state decided.
/// </summary>
internal static class WhyCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var port = new Argument<string>("port") { Description = "The port, as category/port[@flavor] or a path inside the tree." }.RejectOptionLikeTokens();
        var json = new Option<bool>("--json") { Description = "Print the chain as JSON (schema in docs/cli.md)." };
        var force = new Option<bool>("--force") { Description = "Plan as 'force' would (the port rebuilt whatever its state)." };
        var scan = new ScanOptions();
        var command = new Command("why", "Show what a build would do with a port and the chain of reasons behind it.") { port, json, force };
        scan.AddTo(command);
        CliAction.Set(command, global, host, async invocation =>
        {
            var services = CliServices.Create(invocation, ConfigurationUse.Optional, scan.Read(invocation));
            await using var disposeServices = services.ConfigureAwait(false);
            var spec = invocation.Get(port)!;
            var result = await services.Get<BuildRunner>().PlanAsync(new BuildRunOptions { Ports = [spec], Force = invocation.Get(force) }, invocation.CancellationToken)
                .ConfigureAwait(false);
            var plan = result.Plan;
            var nodes = plan.Graph.Requested;
            if (nodes.Length == 0)
            {
                throw CliException.Usage($"'{spec}' names no port of {services.Scan.PortsDirectory}");
            }

            var documents = nodes.Select(n => Document(plan, plan[n])).ToList();
            if (invocation.Get(json))
            {
                foreach (var document in documents)
                {
                    await invocation.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Context.WhyDocument)).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            foreach (var document in documents)
            {
                await invocation.WriteLineAsync($"{document.Port}: {Verb(document.Action)}").ConfigureAwait(false);
                var depth = 0;
                foreach (var step in document.Chain)
                {
                    await invocation.WriteLineAsync($"{new string(' ', 2 * ++depth)}{step.Port}: {step.Reason}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static WhyDocument Document(BuildPlan plan, PlannedPort entry) => new(
        "gosynth.why/1",
        entry.Id.ToString(),
        ActionName(entry.Action),
        entry.Kind.ToString(),
        entry.Reason,
        [.. plan.Why(entry.Id).Select(p => new WhyStep(p.Id.ToString(), ActionName(p.Action), p.Kind.ToString(), p.Reason, p.Cause?.ToString()))]);

    internal static string ActionName(PlanAction action) => action switch
    {
        PlanAction.UpToDate => "up-to-date",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string Verb(string action) => action switch
    {
        "build" => "would be built",
        "up-to-date" => "is up to date, not rebuilt",
        "ignored" => "is ignored",
        "skipped" => "would be skipped",
        "meta" => "is a meta port (nothing to build)",
        "unbuildable" => "cannot be built",
        _ => action,
    };
}
