using System.Globalization;
using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;

namespace GoSynth.Cli.Status;

/// <summary>The human form of <c>status</c>: one line per node in build order, then totals.</summary>
internal static class StatusTextWriter
{
    public static void Write(StatusReport report, TextWriter output)
    {
        var graph = report.Graph;
        var nodes = graph.TopologicalOrder;
        var idWidth = Math.Max(4, nodes.Select(n => n.Id.ToString().Length).DefaultIfEmpty(0).Max());
        var versionWidth = Math.Max(7, nodes.Select(n => n.Metadata?.Version.Length ?? 1).DefaultIfEmpty(0).Max());
        var numberWidth = nodes.Length.ToString(CultureInfo.InvariantCulture).Length;
        output.WriteLine($"Build queue of {report.PortsDirectory} for {report.Profile}, in build order:");
        output.WriteLine($"{"#".PadLeft(numberWidth)}  {"port".PadRight(idWidth)}  {"version".PadRight(versionWidth)}  {"state",-11}  reason");
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var mark = node.IsRequested ? "*" : " ";
            var line = $"{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(numberWidth)}{mark} {node.Id.ToString().PadRight(idWidth)}  {(node.Metadata?.Version ?? "-").PadRight(versionWidth)}  {report.ActionOf(node),-11}  {report.ReasonOf(node) ?? ""}";
            output.WriteLine(line.TrimEnd());
        }

        output.WriteLine();
        var plan = report.Plan;
        // The scan's states, with its buildable ports split as the plan decides: to build, or up to date.
        output.WriteLine(
            $"Totals: {graph.Count} nodes: {plan.CountOf(PlanAction.Build)} to build, {plan.CountOf(PlanAction.UpToDate)} up to date, " +
            $"{graph.CountOf(PortNodeState.Meta)} meta, {graph.CountOf(PortNodeState.Ignored)} ignored, {graph.CountOf(PortNodeState.Unbuildable)} unbuildable, " +
            $"{graph.CountOf(PortNodeState.NotNeeded)} not needed, " +
            $"{graph.CountOf(PortNodeState.NotFound)} not found, {graph.CountOf(PortNodeState.Corrupt)} corrupt " +
            $"(* = requested; scan: {report.Scan.Queried} make queries, {report.Scan.Cached} from cache)");
        output.WriteLine($"Total packages that would be built: {plan.CountOf(PlanAction.Build)}/{graph.Count}");
    }
}
