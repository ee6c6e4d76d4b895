using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoSynth.BuildDb;

/// <summary>Opens the database named by <see cref="BuildDbOptions.Path"/>.</summary>
public sealed class DefaultBuildDatabaseFactory : IBuildDatabaseFactory
{
    private readonly BuildDbOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the factory.</summary>
    public DefaultBuildDatabaseFactory(IOptions<BuildDbOptions> options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<BuildDatabase> OpenAsync(CancellationToken cancellationToken = default) =>
        BuildDatabase.OpenAsync(RequirePath(), _options, _loggerFactory, _timeProvider, cancellationToken);

    /// <inheritdoc />
    public Task<BuildDatabase> OpenReadOnlyAsync(CancellationToken cancellationToken = default) =>
        BuildDatabase.OpenReadOnlyAsync(RequirePath(), _options, _loggerFactory, _timeProvider, cancellationToken);

    private string RequirePath() => _options.Path is { Length: > 0 } path
        ? path
        : throw new InvalidOperationException("BuildDbOptions.Path is not set: configure the build database file (e.g. <BuildBase>/gosynth.db).");
}
