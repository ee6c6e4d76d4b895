using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Running;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GoSynth.Cli.Tests.Commands;

/// <summary><c>gosynth serve</c>: a real server on loopback for dsynth.ini's configuration, its URL and token printed once.</summary>
public sealed partial class ServeCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_PrintsUrlAndToken_ServesTheApi_AndStopsWhenInterrupted()
    {
        Assert.SkipUnless((System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => File.Exists(Path.Combine(d, "bmake"))), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };
        var host = new CliHost { ConfigureServices = s => s.AddSingleton<IPortBuildExecutorFactory>(executor) };
        var printed = new StringWriter();
        var output = TextWriter.Synchronized(printed);
        var error = TextWriter.Synchronized(new StringWriter());
        string Printed()
        {
            // The synchronized writer locks itself while writing.
            lock (output)
            {
                return printed.ToString();
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var serving = GoSynthApp.CreateRootCommand(host).Parse(["-C", etc, "serve", "--listen", "127.0.0.1:0"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stop.Token);
        Match url;
        Match token;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(url = UrlLine().Match(Printed())).Success || !(token = TokenLine().Match(Printed())).Success)
        {
            Assert.False(serving.IsCompleted, $"serve ended: {Printed()}");
            Assert.True(DateTime.UtcNow < deadline, $"no URL printed: {Printed()}");
            await Task.Delay(50, Ct);
        }

        using var client = new HttpClient { BaseAddress = new Uri(url.Groups[1].Value) };
        Assert.Equal("127.0.0.1", client.BaseAddress.Host);
        using var health = await client.GetAsync("/healthz", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = JsonContent.Create(new { ports = new[] { "misc/hello" } }) };
        request.Headers.Authorization = new("Bearer", token.Groups[1].Value);
        using var started = await client.SendAsync(request, Ct);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();
        JsonElement run;
        do
        {
            await Task.Delay(100, Ct);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}", Ct);
        }
        while (run.GetProperty("run").GetProperty("outcome").GetString() == "running");

        await stop.CancelAsync();
        var exit = await serving;

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("completed", run.GetProperty("run").GetProperty("outcome").GetString());
        Assert.Contains(executor.Requests, r => r.Node.Id.Origin == "misc/hello");
        Assert.Equal(0, exit);
        Assert.Single(TokenLine().Matches(Printed()));
    }

    [Fact]
    public async Task Serve_WithATokenFileOthersCanRead_RefusesToStart()
    {
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var file = dir.WriteFile("token", "0123456789abcdef0123456789abcdef");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }

        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await GoSynthApp.CreateRootCommand(new CliHost()).Parse(["-C", etc, "serve", "--listen", "127.0.0.1:0", "--token-file", file])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);

        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Contains("chmod 600", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("GoSynth serves", output.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"GoSynth serves (http://[^ ]+)/ \(dashboard\)")]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"Token for start and cancel \(shown once\): (\S+)")]
    private static partial Regex TokenLine();

    private static string Configure(TempDirectory dir)
    {
        var etc = dir.Combine("etc");
        DsynthConfiguration.Init(etc, new BuilderOptions
        {
            PortsDirectory = RepositoryPaths.SamplePorts,
            PackagesDirectory = dir.Combine("packages"),
            OptionsDirectory = dir.Combine("options"),
            DistfilesDirectory = dir.Combine("distfiles"),
            BuildBase = dir.Combine("build"),
            LogsDirectory = dir.Combine("logs"),
            NumberOfBuilders = 2,
            MaxJobsPerBuilder = 1,
            DisableThrottle = true,
        });
        return etc;
    }
}
