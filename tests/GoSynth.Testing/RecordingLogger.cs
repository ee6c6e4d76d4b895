using Microsoft.Extensions.Logging;

namespace GoSynth.Testing;

/// <summary>A logger that keeps every message's event id and text, for tests that assert what was logged.</summary>
/// <typeparam name="T">The category, so it can stand in for an <see cref="ILogger{T}"/>.</typeparam>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(int Id, string Text)> _messages = [];

    /// <summary>Every message so far, in order.</summary>
    public IReadOnlyList<(int Id, string Text)> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The event ids so far, in order.</summary>
    public IEnumerable<int> Ids => Messages.Select(m => m.Id);

    /// <summary>How many messages had event id <paramref name="id"/>.</summary>
    public int Count(int id) => Messages.Count(m => m.Id == id);

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_messages)
        {
            _messages.Add((eventId.Id, formatter(state, exception)));
        }
    }
}
