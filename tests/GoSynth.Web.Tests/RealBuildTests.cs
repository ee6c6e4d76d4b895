using System.Net.Http.Json;
using System.Text.Json;

namespace GoSynth.Web.Tests;

/// <summary>
/// The sample tree built for real (Linux slots, bmake, real packages) through the API of a real server, watched at the
/// same time by an event stream, a Prometheus scraper and a headless Chromium showing the dashboard. Root only.
/// </summary>
public sealed class RealBuildTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RealBuild_ThroughTheApi_IsWatchedByTheStreamTheMetricsAndTheDashboard()
    {
        RequireRoot();
        ApiTests.RequireBmake();
        var promtool = MetricsTests.Promtool();
        await using var host = await WebTestHost.StartAsync();
        await using var stream = await SseClient.ConnectAsync(host.Client, "/api/v1/events");
        Assert.Equal("snapshot", (await stream.ReadUntilAsync(_ => true, TimeSpan.FromSeconds(30)))[0].Event);
        var reading = stream.ReadUntilAsync(m => m.Event == "runFinished", TimeSpan.FromMinutes(15));

        using var started = await host.SendAsync(host.Post("/api/v1/runs", "{}"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();

        // While it builds: the dashboard in a real browser shows busy slots, and they change; /metrics is valid.
        var dashboards = new List<string>();
        var scrapes = new List<string>();
        var catalogLine = "";
        var chromium = HeadlessChromium.Find();
        await using (var browser = chromium is null ? null : await HeadlessChromium.OpenAsync(chromium, host.Address, Ct))
        {
            while (host.Services.GetService(typeof(Runs.BuildManager)) is Runs.BuildManager { Active: not null })
            {
                scrapes.Add(await host.Client.GetStringAsync("/metrics", Ct));
                if (browser is not null)
                {
                    dashboards.Add(await browser.EvaluateAsync(
                        "[...document.querySelectorAll('#slots tr.slot')].map(r => [...r.cells].slice(1, 3).map(c => c.textContent).join(' ')).join('|')", Ct));
                }

                await Task.Delay(250, Ct);
            }

            // After the run: the dashboard says the catalog was rebuilt (it draws at most a few times a second).
            for (var look = 0; browser is not null && look < 40 && catalogLine.Length == 0; look++)
            {
                catalogLine = await browser.EvaluateAsync("document.getElementById('repository').textContent", Ct);
                if (catalogLine.Length == 0)
                {
                    await Task.Delay(250, Ct);
                }
            }
        }

        var events = await reading;
        var run = await ApiTests.WaitForRunEndAsync(host, runId);
        var after = await host.Client.GetStringAsync("/metrics", Ct);

        // The stream: the whole run, in order, with consecutive ids.
        Assert.Equal("runStarted", events[0].Event);
        Assert.Equal(runId, events[0].Json.GetProperty("runId").GetInt64());
        Assert.Equal(Enumerable.Range((int)events[0].Id!.Value, events.Count).Select(i => (long?)i), events.Select(e => e.Id));
        Assert.Contains(events, e => e.Event == "portFinished" && e.Json.GetProperty("port").GetString() == "misc/hello" && e.Json.GetProperty("succeeded").GetBoolean());
        Assert.Contains(events, e => e.Event == "portFinished" && e.Json.GetProperty("port").GetString() == "broken/badcode" && !e.Json.GetProperty("succeeded").GetBoolean());
        Assert.DoesNotContain(events, e => e.Event == "other");

        // The catalog rebuilt at the end reaches the stream as itself, before runFinished, with what is in the repository.
        var rebuilt = Assert.Single(events, e => e.Event == "repositoryRebuilt");
        var packages = Directory.GetFiles(host.Options.EffectiveRepositoryDirectory, "*.pkg").Length;
        Assert.True(packages > 0, "the build made no package");
        Assert.True(rebuilt.Json.GetProperty("catalogWritten").GetBoolean(), rebuilt.Data);
        Assert.Equal(packages, rebuilt.Json.GetProperty("packages").GetInt32());
        Assert.Equal(0, rebuilt.Json.GetProperty("leftOut").GetInt32());
        Assert.Equal(runId, rebuilt.Json.GetProperty("runId").GetInt64());
        Assert.True(File.Exists(Path.Combine(host.Options.PackagesDirectory, "packagesite.pkg")), "no catalog on disk");
        Assert.Equal(0, Assert.Single(events, e => e.Event == "obsoletePackages").Json.GetProperty("files").GetArrayLength());

        // The API and the metrics agree with the run's summary.
        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(host.LogsDirectory, "summary.json"), Ct)).RootElement.GetProperty("totals");
        Assert.Equal("completed", run.GetProperty("run").GetProperty("outcome").GetString());
        Assert.Equal(summary.GetProperty("built").GetInt32(), run.GetProperty("run").GetProperty("counts").GetProperty("success").GetInt32());
        Assert.Equal(summary.GetProperty("built").GetInt32(), MetricsTests.Value(after, "gosynth_builder_ports_total", "result=\"built\""));
        Assert.Equal(summary.GetProperty("failed").GetInt32(), MetricsTests.Value(after, "gosynth_builder_ports_total", "result=\"failed\""));
        Assert.Equal(summary.GetProperty("ignored").GetInt32(), MetricsTests.Value(after, "gosynth_builder_ports_total", "result=\"ignored\""));
        Assert.Contains(scrapes, s => MetricsTests.Value(s, "gosynth_builder_slots_running") > 0);
        foreach (var text in scrapes.Where((_, i) => i % Math.Max(1, scrapes.Count / 4) == 0).Append(after))
        {
            var (code, output) = await MetricsTests.RunAsync(promtool, "check metrics", text);
            Assert.True(code == 0, $"promtool: {output}");
        }

        // The failed port's log, through the API, holds the compiler's error.
        var log = await host.Client.GetStringAsync("/api/v1/ports/broken/badcode/log?tail=200", Ct);
        Assert.Contains("undeclared_answer", log, StringComparison.Ordinal);

        if (chromium is null)
        {
            Assert.Skip("chromium is not installed (eng/prereqs.sh installs it); the build, stream and metrics were checked");
        }

        var shown = dashboards.Where(d => d.Length > 0).ToList();
        Assert.True(shown.Count > 0, $"the dashboard never showed a busy slot in {dashboards.Count} looks");
        Assert.True(shown.Distinct().Count() > 1, "the slot rows did not change: " + string.Join(" / ", shown));
        Assert.All(shown.SelectMany(d => d.Split('|')), row => Assert.Matches("^[a-z-]+/[^ ]+ ", row));
        Assert.Equal($"catalog rebuilt: {packages} packages", catalogLine);
    }

    private static void RequireRoot()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("real builds use Linux slots");
        }

        var uid = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        if (uid != "0")
        {
            Assert.Skip("Linux slots mount filesystems and need root; run the tests as root (CI does)");
        }
    }
}
