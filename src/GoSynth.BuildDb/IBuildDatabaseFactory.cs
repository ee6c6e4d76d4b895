namespace GoSynth.BuildDb;

/// <summary>Opens the configured build database (the DI-friendly face of the static factories).</summary>
public interface IBuildDatabaseFactory
{
    /// <summary>Opens the database for writing; see <see cref="BuildDatabase.OpenAsync"/>.</summary>
    Task<BuildDatabase> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens the database for reading; see <see cref="BuildDatabase.OpenReadOnlyAsync"/>.</summary>
    Task<BuildDatabase> OpenReadOnlyAsync(CancellationToken cancellationToken = default);
}
