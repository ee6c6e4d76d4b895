using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GoSynth.Web.Tests;

/// <summary>The REST API against a real Kestrel server, ports built by the fake executor.</summary>
public sealed class ApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartBuild_WithToken_RunsIt_AndTheRunListsAndTotalsMatchTheResult()
    {
        RequireBmake();
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor { Failing = new HashSet<string> { "broken/badcode" } });

        using var started = await host.SendAsync(host.Post("/api/v1/runs", "{}"));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var runId = body.GetProperty("runId").GetInt64();
        Assert.Equal($"/api/v1/runs/{runId}", started.Headers.Location?.ToString());
        var run = await WaitForRunEndAsync(host, runId);

        Assert.Equal("completed", run.GetProperty("run").GetProperty("outcome").GetString());
        var counts = run.GetProperty("run").GetProperty("counts");
        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(host.LogsDirectory, "summary.json"), Ct)).RootElement.GetProperty("totals");
        Assert.Equal(summary.GetProperty("built").GetInt32(), counts.GetProperty("success").GetInt32());
        Assert.Equal(1, counts.GetProperty("failed").GetInt32());
        Assert.Equal(summary.GetProperty("ignored").GetInt32(), counts.GetProperty("ignored").GetInt32());
        var live = run.GetProperty("live").GetProperty("totals");
        Assert.Equal(summary.GetProperty("built").GetInt32(), live.GetProperty("built").GetInt32());
        Assert.Equal(summary.GetProperty("skipped").GetInt32(), live.GetProperty("skipped").GetInt32());

        var list = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/runs", Ct);
        Assert.Equal(runId, list.GetProperty("runs")[0].GetProperty("id").GetInt64());
        var withPorts = await host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}?ports=true", Ct);
        Assert.Contains(withPorts.GetProperty("ports").EnumerateArray(), p => p.GetProperty("port").GetString() == "misc/hello" && p.GetProperty("status").GetString() == "success");
    }

    [Fact]
    public async Task StartBuild_WhileOneRuns_Gets409NamingTheHolder_AndCancelEndsTheRunAborted()
    {
        RequireBmake();
        var executor = new FakePortBuildExecutor { Hanging = new HashSet<string> { "misc/hello" } };
        await using var host = await WebTestHost.StartAsync(executor);
        using var first = await host.SendAsync(host.Post("/api/v1/runs", """{"ports": ["misc/hello"]}"""));
        var runId = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();
        await executor.HangingStarted.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        using var second = await host.SendAsync(host.Post("/api/v1/runs", """{"ports": ["devel/libgreet"]}"""));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await ProblemAsync(second);
        Assert.Contains($"run {runId}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("misc/hello", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var unauthorized = await host.SendAsync(host.Post($"/api/v1/runs/{runId}/cancel", null, token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        using var cancel = await host.SendAsync(host.Post($"/api/v1/runs/{runId}/cancel", null));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var run = await WaitForRunEndAsync(host, runId);
        Assert.Equal("aborted", run.GetProperty("run").GetProperty("outcome").GetString());
        Assert.Contains("misc/hello", executor.Cancelled);

        using var again = await host.SendAsync(host.Post($"/api/v1/runs/{runId}/cancel", null));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await host.SendAsync(host.Post("/api/v1/runs/999/cancel", null));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StartBuild_WhenAnotherProcessHoldsTheDatabase_Gets409NamingThatHolder()
    {
        RequireBmake();
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());
        await using var writer = await BuildDb.BuildDatabase.OpenAsync(host.Options.EffectiveDatabasePath, cancellationToken: Ct);

        using var response = await host.SendAsync(host.Post("/api/v1/runs", """{"ports": ["misc/hello"]}"""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("another build holds the build database", detail, StringComparison.Ordinal);
        Assert.Contains(System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ports": ["misc/hello"]""", "not a build request")]
    [InlineData("""{"ports": ["misc/hello"], "unknown": 1}""", "unknown")]
    [InlineData("""{"ports": "misc/hello"}""", "not a build request")]
    [InlineData("""{"ports": ["../../etc"]}""", "ports[0]")]
    [InlineData("""{"ports": ["misc/hello", "a b/c"]}""", "ports[1]")]
    [InlineData("""{"force": true}""", "force")]
    [InlineData("""[]""", "not a build request")]
    [InlineData("null", "null")]
    public async Task StartBuild_BadBody_Gets400ProblemDetails_NeverA500(string json, string expected)
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());

        using var response = await host.SendAsync(host.Post("/api/v1/runs", json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains(expected, problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartBuild_OversizedOrMissingOrNonJsonBody_Gets413Or400Or415()
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor(), o => o.MaxRequestBodyBytes = 1024);
        var big = "{\"ports\": [" + string.Join(',', Enumerable.Repeat("\"misc/hello\"", 200)) + "]}";

        using var tooLarge = await host.SendAsync(host.Post("/api/v1/runs", big));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big))),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Headers.Authorization = new("Bearer", host.Token);
        using var tooLargeChunked = await host.SendAsync(chunked);
        using var empty = await host.SendAsync(host.Post("/api/v1/runs", null));
        var text = host.Post("/api/v1/runs", null);
        text.Content = new StringContent("ports=misc/hello", System.Text.Encoding.UTF8, "text/plain");
        using var notJson = await host.SendAsync(text);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeChunked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        foreach (var response in new[] { tooLarge, tooLargeChunked, empty, notJson })
        {
            Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType, $"{response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    [Fact]
    public async Task Mutations_WithoutOrWithAWrongToken_Get401_AndNothingStarts()
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());

        using var none = await host.SendAsync(host.Post("/api/v1/runs", "{}", token: null));
        using var wrong = await host.SendAsync(host.Post("/api/v1/runs", "{}", token: "not-the-token-at-all"));
        var basic = host.Post("/api/v1/runs", "{}", token: null);
        basic.Headers.Authorization = new("Basic", "dXNlcjpwYXNz");
        using var otherScheme = await host.SendAsync(basic);

        foreach (var response in new[] { none, wrong, otherScheme })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var runs = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/runs", Ct);
        Assert.Equal(0, runs.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task Ports_WhyHistoryAndLog_AnswerFromThePlanTheHistoryAndTheLogsDirectory()
    {
        RequireBmake();
        using var repository = new TempDirectory();
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor { RepositoryDirectory = repository.Path }, repository: repository.Path);
        using var started = await host.SendAsync(host.Post("/api/v1/runs", """{"ports": ["misc/hello"]}"""));
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();
        await WaitForRunEndAsync(host, runId);
        await File.AppendAllTextAsync(Path.Combine(host.Ports, "devel", "libgreet", "Makefile"), "# touched\n", Ct);
        var lines = Enumerable.Range(1, 500).Select(i => $"line {i}").ToList();
        await File.WriteAllLinesAsync(Path.Combine(host.LogsDirectory, "misc___hello.log"), lines, Ct);

        var why = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/ports/misc/hello/why", Ct);
        var history = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/ports/misc/hello/history", Ct);
        var tail = await host.Client.GetStringAsync("/api/v1/ports/misc/hello/log?tail=3", Ct);
        using var download = await host.Client.GetAsync("/api/v1/ports/misc/hello/log/download", Ct);
        using var missing = await host.Client.GetAsync("/api/v1/ports/misc/nosuch/log", Ct);
        using var badTail = await host.Client.GetAsync("/api/v1/ports/misc/hello/log?tail=0", Ct);

        var chain = why.GetProperty("chain").EnumerateArray().ToList();
        Assert.Equal("misc/hello", chain[0].GetProperty("port").GetString());
        Assert.Equal("build", chain[0].GetProperty("action").GetString());
        Assert.Contains("devel/libgreet", chain[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("devel/libgreet", chain[^1].GetProperty("port").GetString());
        Assert.Contains("fingerprint changed", chain[^1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("success", history.GetProperty("attempts")[0].GetProperty("status").GetString());
        Assert.Equal(runId, history.GetProperty("attempts")[0].GetProperty("runId").GetInt64());
        Assert.Equal("line 498\nline 499\nline 500\n", tail);
        Assert.Equal("misc___hello.log", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(string.Join('\n', lines) + "\n", await download.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTail.StatusCode);
    }

    [Fact]
    public async Task HealthReadyStatusOpenApiAndDashboard_AreServed()
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());

        using var health = await host.Client.GetAsync("/healthz", Ct);
        using var ready = await host.Client.GetAsync("/readyz", Ct);
        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/status", Ct);
        var openApi = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json", Ct);
        using var page = await host.Client.GetAsync("/", Ct);
        using var script = await host.Client.GetAsync("/dashboard/app.js", Ct);
        using var none = await host.Client.GetAsync("/dashboard/nothing.js", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.False(status.GetProperty("building").GetBoolean());
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/runs", "/api/v1/runs/{id}", "/api/v1/runs/{id}/cancel", "/api/v1/events", "/api/v1/ports/{category}/{name}/why", "/api/v1/logs/{path}" })
        {
            Assert.Contains(path, paths);
        }

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("EventSource", await script.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Readyz_WhenThePortsTreeIsGone_Is503WithTheReason()
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());
        Directory.Delete(host.Ports, recursive: true);

        using var ready = await host.Client.GetAsync("/readyz", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("ports tree", await ready.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    internal static void RequireBmake()
    {
        if (!(System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => File.Exists(Path.Combine(d, "bmake"))))
        {
            Assert.Skip("bmake is not installed; the sample tree is scanned with it (eng/prereqs.sh installs it)");
        }
    }

    internal static async Task<JsonElement> WaitForRunEndAsync(WebTestHost host, long runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            var run = await host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}", Ct);
            if (run.GetProperty("run").GetProperty("outcome").GetString() != "running" && host.Services.GetRequiredService<Runs.BuildManager>().Active is null)
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {runId} did not end: {run}");
            await Task.Delay(100, Ct);
        }
    }

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
