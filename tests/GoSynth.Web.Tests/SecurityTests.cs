using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Tests;

/// <summary>Paths that try to leave the logs directory, token files, and clients from the network.</summary>
public sealed class SecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/logs/../../../../etc/passwd")]
    [InlineData("/api/v1/logs/..%2f..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/api/v1/logs/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/api/v1/logs/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/api/v1/logs/%252e%252e%252f%252e%252e%252fetc%252fpasswd")]
    [InlineData("/api/v1/logs/sub/..%5c..%5cetc%5cpasswd")]
    [InlineData("/api/v1/logs//etc/passwd")]
    [InlineData("/api/v1/logs/outside")]
    [InlineData("/api/v1/logs/linked/passwd")]
    [InlineData("/api/v1/ports/..%2f..%2fetc/passwd/log")]
    [InlineData("/api/v1/ports/%2e%2e/passwd/log/download")]
    public async Task LogPaths_ThatLeaveTheLogsDirectory_AreRefusedAndNothingOutsideIsServed(string path)
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());
        using var outside = new TempDirectory();
        var secret = outside.WriteFile("passwd", "root:secret-outside-the-logs\n");
        File.CreateSymbolicLink(Path.Combine(host.LogsDirectory, "outside"), secret);
        Directory.CreateSymbolicLink(Path.Combine(host.LogsDirectory, "linked"), outside.Path);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Address + path.TrimStart('/'), UriKind.Absolute));
        using var response = await host.Client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{response.StatusCode}: {body}");
        Assert.DoesNotContain("secret-outside", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogPaths_InsideTheLogsDirectory_AreServed_AlsoThroughALinkThatStaysInside()
    {
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor());
        Directory.CreateDirectory(Path.Combine(host.LogsDirectory, "sub"));
        await File.WriteAllTextAsync(Path.Combine(host.LogsDirectory, "sub", "x.log"), "inside\n", Ct);
        File.CreateSymbolicLink(Path.Combine(host.LogsDirectory, "alias.log"), Path.Combine(host.LogsDirectory, "sub", "x.log"));

        Assert.Equal("inside\n", await host.Client.GetStringAsync("/api/v1/logs/sub/x.log", Ct));
        Assert.Equal("inside\n", await host.Client.GetStringAsync("/api/v1/logs/alias.log", Ct));
        await File.WriteAllTextAsync(Path.Combine(host.LogsDirectory, "top.log"), "top\n", Ct);

        // The listing names the directory's own regular files, never a link (even one that stays inside).
        var listing = await host.Client.GetStringAsync("/api/v1/logs", Ct);
        Assert.Contains("top.log", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("alias.log", listing, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TokenFile_ReadableByOthers_IsRefusedAtStart_AndAnOwnerOnlyFileIsUsed()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("token", "0123456789abcdef0123456789abcdef\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => WebTestHost.StartAsync(new FakePortBuildExecutor(), o => o.TokenFile = file));
        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
        Assert.Contains(file, refused.Message, StringComparison.Ordinal);

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var host = await WebTestHost.StartAsync(new FakePortBuildExecutor(), o => o.TokenFile = file);
        Assert.Equal("0123456789abcdef0123456789abcdef", host.Token);
        Assert.Equal(WebAccessTokenSource.File, host.Services.GetRequiredService<WebAccessToken>().Source);
        using var wrong = await host.SendAsync(host.Post("/api/v1/runs", "{}", token: "something-else-entirely"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public void GeneratedTokens_AreLongRandomAndDistinct()
    {
        var a = WebAccessToken.Create(new GoSynthWebOptions());
        var b = WebAccessToken.Create(new GoSynthWebOptions());

        Assert.True(a.Value.Length >= 40);
        Assert.NotEqual(a.Value, b.Value);
        Assert.True(a.Matches(a.Value));
        Assert.False(a.Matches(b.Value));
        Assert.False(a.Matches(null));
    }

    [Fact]
    public async Task NetworkClients_Get403_UnlessReadsAreOpened_AndChangesStayLoopbackOnly()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (address is null)
        {
            Assert.Skip("this machine has no non-loopback IPv4 address to connect from");
        }

        await using var closed = await WebTestHost.StartAsync(new FakePortBuildExecutor(), listen: IPAddress.Any);
        await using var readable = await WebTestHost.StartAsync(new FakePortBuildExecutor(), o => o.NetworkAccess = WebNetworkAccess.Read, listen: IPAddress.Any);
        using var client = new HttpClient();
        Uri Remote(WebTestHost host, string path) => new($"http://{address}:{host.Address.Port}{path}");

        using var closedRead = await client.GetAsync(Remote(closed, "/api/v1/runs"), Ct);
        using var closedMetrics = await client.GetAsync(Remote(closed, "/metrics"), Ct);
        using var openRead = await client.GetAsync(Remote(readable, "/api/v1/runs"), Ct);
        using var openMetrics = await client.GetAsync(Remote(readable, "/metrics"), Ct);
        using var post = new HttpRequestMessage(HttpMethod.Post, Remote(readable, "/api/v1/runs")) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        post.Headers.Authorization = new("Bearer", readable.Token);
        using var openWrite = await client.SendAsync(post, Ct);
        using var loopbackRead = await closed.Client.GetAsync("/api/v1/runs", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, closedRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, closedMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, openWrite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, loopbackRead.StatusCode);
    }
}
