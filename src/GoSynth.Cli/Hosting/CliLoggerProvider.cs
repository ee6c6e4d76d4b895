using Microsoft.Extensions.Logging;

namespace GoSynth.Cli.Hosting;

/// <summary>
/// The libraries' log on standard error, one line per message (<c>gosynth: warning: …</c>), so that a warning reads like
/// the CLI's own lines; the exception is added only at debug level (<c>-d</c>).
/// </summary>
internal sealed class CliLoggerProvider(TextWriter error, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var word = level switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warning",
            LogLevel.Error => "error",
            _ => "critical",
        };
        var details = minimum <= LogLevel.Debug ? $" [{category}]" : "";
        lock (_lock)
        {
            error.WriteLine($"gosynth: {word}: {CliErrors.OneLine(message)}{details}");
            if (exception is not null && minimum <= LogLevel.Debug)
            {
                error.WriteLine(exception.ToString());
            }
        }
    }

    private sealed class Logger(CliLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }

    private LogLevel Minimum => minimum;
}
