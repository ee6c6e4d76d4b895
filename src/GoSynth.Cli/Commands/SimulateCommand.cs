using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Running;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Json;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth simulate [ports…] [--builders N] [--json]</c>: plans the ports as a build would and runs the scheduler
/// against a virtual clock with the expected durations (history, else a prior): the ETA with GoSynth's policy, compared
/// with dsynth's and poudriere's and with the lower bound. Nothing is built.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var ports = new Argument<string[]>("ports")
        {
            Description = "Ports as category/port[@flavor]; none or 'everything' for the whole tree.",
            Arity = ArgumentArity.ZeroOrMore,
        }.RejectOptionLikeTokens();
        var builders = new Option<int?>("--builders") { Description = "Simulate with this many builders. Default: the configuration's." };
        builders.Check<Option<int?>, int?>(v => v < 1 ? "--builders must be at least 1." : null);
        var json = new Option<bool>("--json") { Description = "Print the estimate as JSON (schema in docs/cli.md)." };
        var scan = new ScanOptions();
        var command = new Command("simulate", "Estimate how long building the ports would take (the scheduler on a virtual clock); builds nothing.") { ports, builders, json };
        scan.AddTo(command);
        CliAction.Set(command, global, host, async invocation =>
        {
            var services = CliServices.Create(invocation, ConfigurationUse.Optional, scan.Read(invocation));
            await using var disposeServices = services.ConfigureAwait(false);
            var plan = await services.Get<BuildRunner>().PlanAsync(new BuildRunOptions { Ports = invocation.Get(ports) ?? [] }, invocation.CancellationToken).ConfigureAwait(false);
            var document = Simulate(plan, invocation.Get(builders) ?? plan.Builders);
            if (invocation.Get(json))
            {
                await invocation.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Context.SimulateDocument)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var c = CultureInfo.InvariantCulture;
            await invocation.WriteLineAsync(string.Create(c, $"{document.ToBuild} of {document.Ports} ports to build with {document.Builders} builder(s); expected work {Time(document.ExpectedWorkSeconds)}, critical path {Time(document.CriticalPathSeconds)}, lower bound {Time(document.LowerBoundSeconds)}")).ConfigureAwait(false);
            foreach (var policy in document.Policies)
            {
                await invocation.WriteLineAsync(string.Create(c, $"  {policy.Policy,-22} ETA {Time(policy.MakespanSeconds)}  ({policy.Ratio:0.00} x lower bound)")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static SimulateDocument Simulate(BuildRunPlan plan, int builders)
    {
        var problem = plan.Problem;
        var policies = new List<SimulatePolicy>();
        SimulationResult? ours = null;
        foreach (var policy in new[] { SchedulingPolicy.CriticalPath, SchedulingPolicy.DsynthAsCoded, SchedulingPolicy.PoudriereLongestChain, SchedulingPolicy.Fifo })
        {
            var result = ScheduleSimulator.Estimate(problem, builders, policy);
            ours ??= result;
            policies.Add(new SimulatePolicy(policy.ToString(), result.Makespan.TotalSeconds, Math.Round(result.Ratio, 4)));
        }

        var names = problem.Names;
        return new SimulateDocument(
            "gosynth.simulate/1",
            builders,
            plan.Plan.Graph.Count,
            plan.Plan.CountOf(PlanAction.Build),
            problem.ExpectedWork.TotalSeconds,
            problem.ExpectedCriticalPath.TotalSeconds,
            ours!.LowerBound.TotalSeconds,
            policies,
            [.. ours.StartOrder.Select((index, i) => new SimulateStart(i + 1, names[index]))]);
    }

    private static string Time(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}");
    }
}
