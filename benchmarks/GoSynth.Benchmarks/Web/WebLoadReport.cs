using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GoSynth.Builder.Running;
using GoSynth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoSynth.Benchmarks.Web;

/// <summary>
/// <c>web-load [seconds] [clients] [reads-per-second]</c>: does builds of the sample tree back to back (ports built by
/// the fake executor, one second each, two builders) through the API of a real Kestrel server on loopback, first with
/// nobody watching, then with <c>clients</c> Server-Sent Events clients attached and <c>reads-per-second</c> API reads,
/// for <c>seconds</c> each; prints the read latencies and the builds' makespans with and without the load.
/// </summary>
internal static class WebLoadReport
{
    private static readonly string[] s_reads = ["/api/v1/status", "/api/v1/runs", "/api/v1/runs/current", "/metrics", "/api/v1/ports/misc/hello/history", "/healthz"];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
        using var dir = new TempDirectory();
        var app = await StartAsync(dir);
        await using var disposeApp = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = app.Services.GetRequiredService<GoSynth.Web.WebAccessToken>().Value;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1000, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };

        Console.WriteLine($"web-load: {seconds} s per phase, {clients} SSE clients, {rate} reads/s, {System.Environment.ProcessorCount} cores, load {Load()}");
        var quiet = await BuildForAsync(http, token, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"without load: {Describe(quiet)}; load {Load()}");

        using var stop = new CancellationTokenSource();
        var streams = Enumerable.Range(0, clients).Select(_ => StreamAsync(http, stop.Token)).ToList();
        var latencies = new List<double>();
        var errors = 0;
        var reader = ReadAsync(http, rate, latencies, () => Interlocked.Increment(ref errors), stop.Token);
        var loaded = await BuildForAsync(http, token, TimeSpan.FromSeconds(seconds));
        await stop.CancelAsync();
        var events = (await Task.WhenAll(streams)).Sum();
        var (sent, wall) = await reader;
        Console.WriteLine($"with load: {Describe(loaded)}; load {Load()}");
        double[] sorted;
        lock (latencies)
        {
            sorted = [.. latencies.Order()];
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reads: {sorted.Length} answered of {sent} sent in {wall.TotalSeconds:0.0} s ({sorted.Length / wall.TotalSeconds:0} /s), errors {errors}, p50 {Percentile(sorted, 0.50):0.00} ms, p99 {Percentile(sorted, 0.99):0.00} ms, max {(sorted.Length > 0 ? sorted[^1] : 0):0.0} ms"));
        Console.WriteLine($"events delivered to the {clients} SSE clients: {events}");
        return 0;
    }

    private static async Task<WebApplication> StartAsync(TempDirectory dir)
    {
        foreach (var directory in Directory.EnumerateDirectories(RepositoryPaths.SamplePorts, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(dir.Combine("ports"), Path.GetRelativePath(RepositoryPaths.SamplePorts, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.SamplePorts, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(dir.Combine("ports"), Path.GetRelativePath(RepositoryPaths.SamplePorts, file)));
        }

        foreach (var name in new[] { "distfiles", "options", "build", "packages/All", "logs" })
        {
            Directory.CreateDirectory(dir.Combine(name));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

        // No packages are written, so every build builds every port again.
        builder.Services.AddSingleton<IPortBuildExecutorFactory>(new FakePortBuildExecutor { Delay = TimeSpan.FromSeconds(1) });
        builder.Services.AddGoSynthBuilder(o =>
        {
            o.PortsDirectory = dir.Combine("ports");
            o.PackagesDirectory = dir.Combine("packages");
            o.BuildBase = dir.Combine("build");
            o.LogsDirectory = dir.Combine("logs");
            o.DistfilesDirectory = dir.Combine("distfiles");
            o.OptionsDirectory = dir.Combine("options");
            o.NumberOfBuilders = 2;
            o.MaxJobsPerBuilder = 1;
            o.DisableThrottle = true;
        });
        builder.Services.AddGoSynthWeb();
        var app = builder.Build();
        app.MapGoSynth();
        await app.StartAsync();
        return app;
    }

    /// <summary>Builds everything again and again until <paramref name="span"/> has passed; returns each build's makespan.</summary>
    private static async Task<List<double>> BuildForAsync(HttpClient http, string token, TimeSpan span)
    {
        var makespans = new List<double>();
        var end = Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var started = await http.SendAsync(request);
            started.EnsureSuccessStatusCode();
            var runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetInt64();
            while (true)
            {
                await Task.Delay(100);
                var run = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/runs/{runId}")).RootElement.GetProperty("run");
                if (run.GetProperty("outcome").GetString() != "running")
                {
                    makespans.Add(run.GetProperty("elapsedSeconds").GetDouble());
                    break;
                }
            }

            var status = JsonDocument.Parse(await http.GetStringAsync("/api/v1/status")).RootElement;
            while (status.GetProperty("building").GetBoolean())
            {
                await Task.Delay(50);
                status = JsonDocument.Parse(await http.GetStringAsync("/api/v1/status")).RootElement;
            }
        }

        return makespans;
    }

    private static async Task<int> StreamAsync(HttpClient http, CancellationToken stop)
    {
        var events = 0;
        try
        {
            using var response = await http.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, stop);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    events++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return events;
    }

    private static async Task<(int Sent, TimeSpan Wall)> ReadAsync(HttpClient http, int rate, List<double> latencies, Action error, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var due = (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate) - sent;
                for (var i = 0; i < due; i++)
                {
                    var path = s_reads[sent++ % s_reads.Length];
                    inFlight.Add(OneAsync(http, path, latencies, error));
                }

                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(inFlight);
        return (sent, Stopwatch.GetElapsedTime(started));
    }

    private static async Task OneAsync(HttpClient http, string path, List<double> latencies, Action error)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                error();
                return;
            }
        }
        catch (HttpRequestException)
        {
            error();
            return;
        }

        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        lock (latencies)
        {
            latencies.Add(ms);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Describe(List<double> makespans) => string.Create(CultureInfo.InvariantCulture,
        $"{makespans.Count} builds, makespan mean {(makespans.Count == 0 ? 0 : makespans.Average()):0.00} s (min {(makespans.Count == 0 ? 0 : makespans.Min()):0.00}, max {(makespans.Count == 0 ? 0 : makespans.Max()):0.00})");

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
