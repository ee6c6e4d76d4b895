using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GoSynth.Testing;

namespace GoSynth.Web.Tests;

/// <summary><c>/metrics</c>: valid Prometheus exposition during a build, counters equal to the run's summary.</summary>
public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_ScrapedDuringABuild_PassPromtool_AndAfterItMatchTheSummary()
    {
        ApiTests.RequireBmake();
        var promtool = Promtool();
        var executor = new FakePortBuildExecutor { Delay = TimeSpan.FromMilliseconds(60), Failing = new HashSet<string> { "broken/badcode" } };
        await using var host = await WebTestHost.StartAsync(executor);
        var before = await host.Client.GetStringAsync("/metrics", Ct);
        Assert.Contains("gosynth_builder_run_state", before, StringComparison.Ordinal);

        using var started = await host.SendAsync(host.Post("/api/v1/runs", "{}"));
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();
        var during = new List<string>();
        while (host.Services.GetService(typeof(Runs.BuildManager)) is Runs.BuildManager { Active: not null })
        {
            during.Add(await host.Client.GetStringAsync("/metrics", Ct));
            await Task.Delay(50, Ct);
        }

        await ApiTests.WaitForRunEndAsync(host, runId);
        var after = await host.Client.GetStringAsync("/metrics", Ct);

        Assert.NotEmpty(during);
        Assert.Contains(during, text => Value(text, "gosynth_builder_run_state", "state=\"running\"") == 1);
        Assert.Contains(during, text => Value(text, "gosynth_builder_slots_running") > 0);
        foreach (var text in during.Take(3).Append(during[^1]).Append(after))
        {
            var (code, output) = await RunAsync(promtool, "check metrics", text);
            Assert.True(code == 0, $"promtool check metrics failed ({code}): {output}\n{text}");
        }

        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(host.LogsDirectory, "summary.json"), Ct)).RootElement.GetProperty("totals");
        Assert.Equal(summary.GetProperty("built").GetInt32(), Value(after, "gosynth_builder_ports_total", "result=\"built\""));
        Assert.Equal(summary.GetProperty("failed").GetInt32(), Value(after, "gosynth_builder_ports_total", "result=\"failed\""));
        Assert.Equal(summary.GetProperty("skipped").GetInt32(), Value(after, "gosynth_builder_ports_total", "result=\"skipped\"") ?? 0);
        Assert.Equal(summary.GetProperty("ignored").GetInt32(), Value(after, "gosynth_builder_ports_total", "result=\"ignored\""));
        Assert.Equal(
            summary.GetProperty("built").GetInt32() + summary.GetProperty("failed").GetInt32(),
            (Value(after, "gosynth_builder_port_duration_seconds_count", "result=\"built\"") ?? 0) + (Value(after, "gosynth_builder_port_duration_seconds_count", "result=\"failed\"") ?? 0));
        Assert.Equal(1, Value(after, "gosynth_builder_runs_total", "outcome=\"completed\""));
        Assert.Equal(0, Value(after, "gosynth_builder_queue_depth"));
        Assert.True(Value(after, "gosynth_builder_database_size_bytes") > 0);
        Assert.DoesNotContain("misc/hello", after, StringComparison.Ordinal);
    }

    /// <summary>The value of the sample <paramref name="name"/> whose labels contain <paramref name="label"/>, or null.</summary>
    internal static double? Value(string exposition, string name, string? label = null)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '{'))
            {
                continue;
            }

            if (label is not null && !rest.Contains(label, StringComparison.Ordinal))
            {
                continue;
            }

            return double.Parse(rest[(rest.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return null;
    }

    internal static string Promtool()
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Skip("promtool is not installed (Debian's prometheus package; eng/prereqs.sh installs it)");
        }

        return found;
    }

    internal static async Task<(int Code, string Output)> RunAsync(string program, string arguments, string input)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(Ct) + await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, output);
    }
}
