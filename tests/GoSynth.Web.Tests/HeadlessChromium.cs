using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GoSynth.Testing;

namespace GoSynth.Web.Tests;

/// <summary>
/// A headless Chromium with a page open, driven over the DevTools protocol (a WebSocket): the page keeps its event
/// stream open, so <c>--dump-dom</c> (which waits for the network to go idle) cannot be used.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket;
    private int _nextId;

    private HeadlessChromium(Process process, TempDirectory profile, ClientWebSocket socket)
    {
        _process = process;
        _profile = profile;
        _socket = socket;
    }

    public static string? Find() => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> OpenAsync(string chromium, Uri page, CancellationToken cancellationToken)
    {
        var profile = new TempDirectory();
        var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", "--user-data-dir=" + profile.Path, page.ToString() })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        var portFile = Path.Combine(profile.Path, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 1)
        {
            Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "chromium did not open its DevTools port");
            await Task.Delay(100, cancellationToken);
        }

        var port = File.ReadAllLines(portFile)[0].Trim();
        using var http = new HttpClient();
        JsonElement target;
        while (true)
        {
            var targets = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/json/list", cancellationToken);
            var pages = targets.EnumerateArray().Where(t => t.GetProperty("type").GetString() == "page").ToList();
            if (pages.Count > 0)
            {
                target = pages[0];
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "chromium opened no page");
            await Task.Delay(100, cancellationToken);
        }

        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(target.GetProperty("webSocketDebuggerUrl").GetString()!), cancellationToken);
        return new HeadlessChromium(process, profile, socket);
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value as a string.</summary>
    public async Task<string> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        var request = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["id"] = id,
            ["method"] = "Runtime.evaluate",
            ["params"] = new Dictionary<string, object> { ["expression"] = expression, ["returnByValue"] = true },
        });
        await _socket.SendAsync(request, WebSocketMessageType.Text, true, cancellationToken);
        var buffer = new byte[1 << 20];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer, cancellationToken);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            var reply = JsonDocument.Parse(message.ToArray()).RootElement;
            if (reply.TryGetProperty("id", out var replyId) && replyId.GetInt32() == id)
            {
                var value = reply.GetProperty("result").GetProperty("result");
                return value.TryGetProperty("value", out var v) ? v.ToString() : value.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        _profile.Dispose();
    }
}
