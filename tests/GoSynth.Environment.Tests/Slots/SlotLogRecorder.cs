using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>A logger factory that keeps every slot message's event id and text, for asserting what a teardown said.</summary>
internal sealed class SlotLogRecorder : ILoggerFactory
{
    private readonly ConcurrentQueue<(int Id, string Text)> _messages = new();

    public IReadOnlyList<(int Id, string Text)> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => new Logger(_messages);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(int Id, string Text)> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue((eventId.Id, formatter(state, exception)));
    }
}
