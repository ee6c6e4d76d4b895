using System.Text.Json;
using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;

namespace GoSynth.Cli.Status;

/// <summary>The machine form of <c>status</c>; the schema is documented in docs/status-json.md (version 1).</summary>
internal static class StatusJsonWriter
{
    public const int SchemaVersion = 1;

    public static void Write(StatusReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var graph = report.Graph;
            json.WriteStartObject();
            json.WriteNumber("version", SchemaVersion);
            json.WriteString("portsDirectory", report.PortsDirectory);
            json.WriteString("profile", report.Profile);
            WriteStrings(json, "requested", graph.Requested.Select(n => n.Id.ToString()));
            WriteNullable(json, "bootstrap", graph.HasBootstrap ? graph.Bootstrap.Id.ToString() : null);
            WriteStrings(json, "notes", report.Scan.Notes);
            json.WriteStartArray("nodes");
            var position = 0;
            foreach (var node in graph.TopologicalOrder)
            {
                WriteNode(json, report, node, ++position);
            }

            json.WriteEndArray();
            json.WriteStartObject("totals");
            json.WriteNumber("nodes", graph.Count);
            foreach (var state in Enum.GetValues<PortNodeState>())
            {
                json.WriteNumber(StatusReport.StateName(state), graph.CountOf(state));
            }

            json.WriteEndObject();
            json.WriteStartObject("actions");
            foreach (var action in Enum.GetValues<PlanAction>())
            {
                json.WriteNumber(Commands.WhyCommand.ActionName(action), report.Plan.CountOf(action));
            }

            json.WriteEndObject();
            json.WriteStartObject("scan");
            json.WriteNumber("queried", report.Scan.Queried);
            json.WriteNumber("cached", report.Scan.Cached);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteNode(Utf8JsonWriter json, StatusReport report, PortNode node, int position)
    {
        var graph = report.Graph;
        var m = node.Metadata;
        json.WriteStartObject();
        json.WriteNumber("position", position);
        json.WriteString("id", node.Id.ToString());
        json.WriteString("origin", node.Id.Origin);
        WriteNullable(json, "flavor", node.Id.Flavor);
        json.WriteString("state", StatusReport.StateName(node.State));
        WriteNullable(json, "reason", node.Reason);
        var planned = report.Plan[node];
        json.WriteString("action", Commands.WhyCommand.ActionName(planned.Action));
        json.WriteString("actionKind", planned.Kind.ToString());
        json.WriteString("actionReason", planned.Reason);
        json.WriteBoolean("requested", node.IsRequested);
        WriteNullable(json, "version", m?.Version);
        WriteNullable(json, "packageFile", m?.PackageFile);
        json.WriteStartObject("dependencies");
        foreach (var kind in Enum.GetValues<DependencyKind>())
        {
            WriteStrings(json, kind.ToString().ToLowerInvariant(), graph.GetDependencies(node, kind).Select(d => d.Id.ToString()));
        }

        json.WriteEndObject();
        WriteStrings(json, "flavors", m?.Flavors ?? []);
        WriteNullable(json, "ignore", m?.IgnoreReason);
        json.WriteStartObject("options");
        WriteStrings(json, "selected", m?.SelectedOptions ?? []);
        WriteStrings(json, "deselected", m?.DeselectedOptions ?? []);
        json.WriteEndObject();
        WriteStrings(json, "distfiles", m?.AllFiles ?? []);
        WriteStrings(json, "uses", m?.Uses ?? []);
        json.WriteNumber("priority", report.Priorities[node]);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
