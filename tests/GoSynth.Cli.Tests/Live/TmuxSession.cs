using System.Diagnostics;

namespace GoSynth.Cli.Tests.Live;

/// <summary>A detached tmux session of 160×50 running one shell command, whose screen a test reads back.</summary>
internal sealed class TmuxSession : IAsyncDisposable
{
    private TmuxSession(string name) => Name = name;

    public string Name { get; }

    /// <summary>Starts <paramref name="command"/>; when it ends the session prints <c>EXIT=&lt;code&gt;</c> and stays a minute to be read.</summary>
    public static async Task<TmuxSession> StartAsync(string command, CancellationToken cancellationToken)
    {
        var session = new TmuxSession("gosynth-" + Guid.NewGuid().ToString("N")[..12]);
        await GoSynthProcess.RunToolAsync("tmux", ["new-session", "-d", "-s", session.Name, "-x", "160", "-y", "50", $"{command}; echo EXIT=$?; sleep 60"], cancellationToken);
        return session;
    }

    /// <summary>The visible screen, one line per row.</summary>
    public Task<string> CaptureAsync(CancellationToken cancellationToken) =>
        GoSynthProcess.RunToolAsync("tmux", ["capture-pane", "-p", "-t", Name], cancellationToken);

    /// <summary>The visible screen with its colours and attributes as escape sequences.</summary>
    public Task<string> CaptureWithEscapesAsync(CancellationToken cancellationToken) =>
        GoSynthProcess.RunToolAsync("tmux", ["capture-pane", "-p", "-e", "-t", Name], cancellationToken);

    /// <summary>"1" when the terminal's cursor is shown, "0" when a program hid it.</summary>
    public async Task<string> CursorVisibleAsync(CancellationToken cancellationToken) =>
        (await GoSynthProcess.RunToolAsync("tmux", ["display-message", "-p", "-t", Name, "#{cursor_flag}"], cancellationToken)).Trim();

    public Task SendKeysAsync(string keys, CancellationToken cancellationToken) =>
        GoSynthProcess.RunToolAsync("tmux", ["send-keys", "-t", Name, keys], cancellationToken);

    /// <summary>Reads the screen until <paramref name="done"/> holds for it; fails with the last screen after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var screen = "";
        while (clock.Elapsed < timeout)
        {
            screen = await CaptureAsync(cancellationToken);
            if (done(screen))
            {
                return screen;
            }

            await Task.Delay(100, cancellationToken);
        }

        Assert.Fail($"the screen did not show what was expected in {timeout.TotalSeconds} s; it shows:\n{screen}");
        return screen;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await GoSynthProcess.RunToolAsync("tmux", ["kill-session", "-t", Name], CancellationToken.None);
        }
        catch (Xunit.Sdk.XunitException)
        {
            // Already gone.
        }
    }
}
