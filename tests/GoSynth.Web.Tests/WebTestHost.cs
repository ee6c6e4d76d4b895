using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Running;
using GoSynth.Testing;
using GoSynth.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoSynth.Web.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0) composed as <c>gosynth serve</c> composes it: <c>AddGoSynthBuilder</c>
/// over a copy of the sample ports tree in a temporary directory, <c>AddGoSynthWeb</c>, <c>MapGoSynth</c>. With an
/// executor, ports are built by it (fast tests); without, by the local slot pool (real builds, root).
/// </summary>
internal sealed class WebTestHost : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly WebApplication _app;

    private WebTestHost(TempDirectory dir, WebApplication app, Uri address)
    {
        _dir = dir;
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public BuilderOptions Options => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BuilderOptions>>().Value;

    public string Token => Services.GetRequiredService<WebAccessToken>().Value;

    public string Ports => _dir.Combine("ports");

    public string LogsDirectory => Options.LogsDirectory;

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public static async Task<WebTestHost> StartAsync(
        IPortBuildExecutorFactory? executor = null,
        Action<GoSynthWebOptions>? web = null,
        IPAddress? listen = null,
        int builders = 2,
        Action<IServiceCollection>? services = null,
        string? repository = null)
    {
        var dir = new TempDirectory();
        Copy(RepositoryPaths.SamplePorts, dir.Combine("ports"));
        foreach (var name in new[] { "distfiles", "options", "build", "packages/All", "logs" })
        {
            Directory.CreateDirectory(dir.Combine(name));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(listen ?? IPAddress.Loopback, 0));
        if (executor is not null)
        {
            builder.Services.AddSingleton(executor);
        }

        builder.Services.AddGoSynthBuilder(o =>
        {
            o.PortsDirectory = dir.Combine("ports");
            o.PackagesDirectory = dir.Combine("packages");
            o.RepositoryDirectory = repository;
            o.BuildBase = dir.Combine("build");
            o.LogsDirectory = dir.Combine("logs");
            o.DistfilesDirectory = dir.Combine("distfiles");
            o.OptionsDirectory = dir.Combine("options");
            o.NumberOfBuilders = builders;
            o.MaxJobsPerBuilder = 1;
            o.DisableThrottle = true;
        });
        builder.Services.AddGoSynthWeb(web ?? (_ => { }));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGoSynth();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebTestHost(dir, app, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public HttpRequestMessage Post(string path, string? json, string? token = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? Token : token);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await Client.SendAsync(request, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _dir.Dispose();
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
