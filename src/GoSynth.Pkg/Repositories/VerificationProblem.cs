namespace GoSynth.Pkg.Repositories;

/// <summary>One problem found by <see cref="RepositoryVerifier"/>.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Path">The package path relative to the repository (or the catalog file).</param>
/// <param name="Message">A one-line explanation.</param>
public sealed record VerificationProblem(VerificationProblemKind Kind, string Path, string Message);
