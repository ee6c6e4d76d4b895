using System.Net.Http.Json;
using System.Text.Json;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GoSynth.Web.Tests;

/// <summary>The live event stream: order, ids, resume after a dropped connection, and the gap marker.</summary>
public sealed class EventStreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_ArriveInOrderWithConsecutiveIds_AndAResumedStreamLosesNothing()
    {
        ApiTests.RequireBmake();
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor { Delay = TimeSpan.FromMilliseconds(30) });
        await using var whole = await SseClient.ConnectAsync(host.Client, "/api/v1/events");
        var first = await whole.ReadUntilAsync(_ => true, TimeSpan.FromSeconds(30));
        Assert.Equal("snapshot", first[0].Event);
        var dropped = await SseClient.ConnectAsync(host.Client, "/api/v1/events");
        await dropped.ReadUntilAsync(_ => true, TimeSpan.FromSeconds(30));

        using var started = await host.SendAsync(host.Post("/api/v1/runs", "{}"));
        started.EnsureSuccessStatusCode();
        var all = await whole.ReadUntilAsync(m => m.Event == "runFinished", TimeSpan.FromMinutes(2));

        // The whole stream: runStarted first, runFinished last, ids 1, 2, 3, … with no hole, each port's events in order.
        Assert.Equal("runStarted", all[0].Event);
        Assert.Equal("runFinished", all[^1].Event);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long?)i), all.Select(m => m.Id));
        foreach (var port in all.Where(m => m.Event == "portStarted").Select(m => m.Json.GetProperty("port").GetString()))
        {
            var kinds = all.Where(m => m.Json.TryGetProperty("port", out var p) && p.GetString() == port).Select(m => m.Event).ToList();
            Assert.Equal("portQueued", kinds[0]);
            Assert.Equal("portStarted", kinds[1]);
            Assert.Equal("portFinished", kinds[^1]);
        }

        // A client that read part of it and lost its connection resumes with Last-Event-ID and gets exactly the rest.
        var part = await dropped.ReadUntilAsync(m => m.Event == "portStarted", TimeSpan.FromMinutes(1));
        await dropped.DisposeAsync();
        await using var resumed = await SseClient.ConnectAsync(host.Client, "/api/v1/events", part[^1].Id);
        var rest = await resumed.ReadUntilAsync(m => m.Event == "runFinished", TimeSpan.FromMinutes(1));
        Assert.Equal(all.Select(m => m.Id), part.Select(m => m.Id).Concat(rest.Select(m => m.Id)));
        Assert.Equal(all.Select(m => m.Data), part.Select(m => m.Data).Concat(rest.Select(m => m.Data)));

        // The run's own stream replays it from its start and ends after runFinished.
        var runId = all[0].Json.GetProperty("runId").GetInt64();
        await using var replay = await SseClient.ConnectAsync(host.Client, $"/api/v1/runs/{runId}/events");
        var replayed = await replay.ReadUntilAsync(_ => false, TimeSpan.FromSeconds(30));
        Assert.Equal(all.Select(m => m.Id), replayed.Select(m => m.Id));
    }

    [Fact]
    public async Task Resume_FromAnIdTheRingNoLongerHolds_GetsAGapMarkerThenASnapshot()
    {
        ApiTests.RequireBmake();
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor(), o => o.EventBufferSize = 16);
        using var started = await host.SendAsync(host.Post("/api/v1/runs", "{}"));
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();
        await ApiTests.WaitForRunEndAsync(host, runId);

        await using var resumed = await SseClient.ConnectAsync(host.Client, "/api/v1/events", 1);
        var messages = await resumed.ReadUntilAsync(m => m.Event == "snapshot", TimeSpan.FromSeconds(30));

        Assert.Equal("gap", messages[0].Event);
        Assert.Equal(1, messages[0].Json.GetProperty("lastEventId").GetInt64());
        Assert.Equal("snapshot", messages[1].Event);
        var snapshot = messages[1].Json;
        Assert.Equal(runId, snapshot.GetProperty("runId").GetInt64());
        Assert.False(snapshot.GetProperty("running").GetBoolean());
        Assert.True(snapshot.GetProperty("status").GetProperty("totals").GetProperty("built").GetInt32() > 0);
        Assert.Equal(messages[1].Id, (await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/status", Ct)).GetProperty("lastEventId").GetInt64());
    }

    [Fact]
    public async Task TheRunsEnd_ReachesTheStream_AsRepositoryRebuiltAndObsoletePackages_AndStaysInTheSnapshot()
    {
        ApiTests.RequireBmake();
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());
        // A package file no port of the tree makes, and that is not a package: obsolete, and left out of the catalog.
        await File.WriteAllTextAsync(host.Combine("packages", "All", "gone-0.1.pkg"), "not a package", Ct);
        await using var stream = await SseClient.ConnectAsync(host.Client, "/api/v1/events");
        Assert.Equal("snapshot", (await stream.ReadAsync(Ct))?.Event);

        using var started = await host.SendAsync(host.Post("/api/v1/runs", "{}"));
        started.EnsureSuccessStatusCode();
        var all = await stream.ReadUntilAsync(m => m.Event == "runFinished", TimeSpan.FromMinutes(2));

        Assert.DoesNotContain(all, m => m.Event == "other");
        var rebuilt = Assert.Single(all, m => m.Event == "repositoryRebuilt").Json;
        var obsolete = Assert.Single(all, m => m.Event == "obsoletePackages").Json;
        var runId = all[0].Json.GetProperty("runId").GetInt64();
        Assert.Equal(runId, rebuilt.GetProperty("runId").GetInt64());
        Assert.Equal(host.Options.PackagesDirectory, rebuilt.GetProperty("directory").GetString());
        Assert.Equal(0, rebuilt.GetProperty("packages").GetInt32());
        Assert.Equal(1, rebuilt.GetProperty("leftOut").GetInt32());
        Assert.False(rebuilt.GetProperty("catalogWritten").GetBoolean());
        Assert.Equal(host.Options.EffectiveRepositoryDirectory, obsolete.GetProperty("directory").GetString());
        Assert.Equal(["gone-0.1.pkg"], obsolete.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        // Both come before runFinished, so the run's own stream (which ends there) has them too.
        await using var replay = await SseClient.ConnectAsync(host.Client, $"/api/v1/runs/{runId}/events");
        var replayed = await replay.ReadUntilAsync(_ => false, TimeSpan.FromSeconds(30));
        Assert.Contains(replayed, m => m.Event == "repositoryRebuilt");
        Assert.Contains(replayed, m => m.Event == "obsoletePackages");

        // A client that comes later finds them in its snapshot.
        await using var later = await SseClient.ConnectAsync(host.Client, "/api/v1/events");
        var snapshot = (await later.ReadAsync(Ct))!.Json;
        Assert.Equal(1, snapshot.GetProperty("repository").GetProperty("leftOut").GetInt32());
        Assert.False(snapshot.GetProperty("repository").GetProperty("catalogWritten").GetBoolean());
        Assert.Equal(["gone-0.1.pkg"], snapshot.GetProperty("obsoletePackages").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Events_BadLastEventId_Gets400_AndAnUnknownRunStream404()
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.Add("Last-Event-ID", "abc");

        using var bad = await host.SendAsync(request);
        using var unknown = await host.Client.GetAsync("/api/v1/runs/42/events", Ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Stopping_TheHost_EndsAnOpenStreamAtOnce()
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());
        await using var stream = await SseClient.ConnectAsync(host.Client, "/api/v1/events");
        Assert.Equal("snapshot", (await stream.ReadAsync(Ct))?.Event);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();
        var rest = await stream.ReadUntilAsync(_ => false, TimeSpan.FromSeconds(10));

        Assert.Empty(rest);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the stream ended {watch.Elapsed} after the host began stopping");
    }
}
