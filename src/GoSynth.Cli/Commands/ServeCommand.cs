using System.CommandLine;
using System.Net;
using GoSynth.Builder.Configuration;
using GoSynth.Cli.Hosting;
using GoSynth.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth [-C dir] serve [--listen 127.0.0.1:8080] [--token-file f] [--network-access none|read|read-write]</c>:
/// serves the REST API, the live events, <c>/metrics</c> and the dashboard for the configuration of dsynth.ini
/// (<c>AddGoSynthBuilder</c> + <c>AddGoSynthWeb</c> in one web host) until interrupted. Prints the URL and the token
/// once. Listens on loopback unless told otherwise. Exit 0 when interrupted after serving; errors before that follow
/// <see cref="CliErrors"/> (2 for a bad --listen, 3 for the configuration, the options or the token file, 1 when the
/// address cannot be bound).
/// </summary>
internal static class ServeCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Where to listen, address:port (port 0 picks a free one). Default: 127.0.0.1:8080, loopback only.",
            DefaultValueFactory = _ => "127.0.0.1:8080",
        };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = "Read the bearer token for start and cancel from this file (owner-only permissions). Default: a new random token, printed once.",
        };
        var access = new Option<string>("--network-access")
        {
            Description = "What clients from the network may do: none (the default), read, or read-write (changes still need the token).",
            DefaultValueFactory = _ => "none",
        };
        access.AcceptOnlyFromAmong("none", "read", "read-write");
        var command = new Command("serve", "Serve the REST API, live build events, Prometheus metrics and the dashboard.") { listen, tokenFile, access };
        CliAction.Set(command, global, host, invocation => RunAsync(
            invocation,
            invocation.Get(listen)!,
            invocation.Get(tokenFile),
            invocation.Get(access) switch { "read" => WebNetworkAccess.Read, "read-write" => WebNetworkAccess.ReadWrite, _ => WebNetworkAccess.None }));
        return command;
    }

    /// <exception cref="CliException">--listen is not address:port (exit 2).</exception>
    /// <exception cref="BuilderConfigurationException">dsynth.ini is missing or wrong (exit 3), found before anything listens.</exception>
    private static async Task<int> RunAsync(CliInvocation invocation, string listen, string? tokenFile, WebNetworkAccess access)
    {
        if (!IPEndPoint.TryParse(listen, out var endpoint) || (endpoint.Port == 0 && !listen.EndsWith(":0", StringComparison.Ordinal)))
        {
            throw CliException.Usage($"--listen takes address:port (e.g. 127.0.0.1:8080), not '{listen}'");
        }

        var configDirectory = invocation.Global.ConfigDirectory;
        var profile = invocation.Global.Profile;
        var output = invocation.Output;

        // Read first so that a bad dsynth.ini is one line and exit 3 before anything listens.
        DsynthConfiguration.Load(configDirectory, profile);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseKestrel(o => o.Listen(endpoint));
        builder.Services.AddGoSynthBuilder(o => DsynthConfiguration.LoadInto(o, configDirectory, profile));
        builder.Services.AddGoSynthWeb(o =>
        {
            o.NetworkAccess = access;
            o.TokenFile = tokenFile;
        });
        invocation.Host.ConfigureServices?.Invoke(builder.Services);

        // Errors while starting (a bad option or token file, an address in use) are one line each (CliErrors).
        var app = builder.Build();
        try
        {
            app.MapGoSynth();
            await app.StartAsync(invocation.CancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await using (app.ConfigureAwait(false))
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://" + listen;
            var token = app.Services.GetRequiredService<WebAccessToken>();
            await output.WriteLineAsync($"GoSynth serves {address}/ (dashboard), {address}/api/v1 (API), {address}/metrics").ConfigureAwait(false);
            await output.WriteLineAsync(token.Source == WebAccessTokenSource.Generated
                ? $"Token for start and cancel (shown once): {token.Value}"
                : $"Token for start and cancel: read from {token.FilePath}").ConfigureAwait(false);
            if (!IPAddress.IsLoopback(endpoint.Address) && access == WebNetworkAccess.None)
            {
                await output.WriteLineAsync("Listening beyond loopback, but network clients are refused: pass --network-access read to open reads.").ConfigureAwait(false);
            }

            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, invocation.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: stop serving; a build started through the API is cancelled and closed as aborted.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
