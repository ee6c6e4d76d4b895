namespace GoSynth.Pkg.Repositories;

/// <summary>The result of <see cref="RepositoryVerifier.VerifyAsync"/>.</summary>
/// <param name="Checked">How many catalog entries were checked.</param>
/// <param name="Problems">Problems found, ordered by path; empty when the repository is sound.</param>
public sealed record VerificationReport(int Checked, IReadOnlyList<VerificationProblem> Problems)
{
    /// <summary>The catalog's signature: unsigned, valid, invalid (also listed in <see cref="Problems"/>) or
    /// unverifiable for want of a key.</summary>
    public CatalogSignatureStatus Signature { get; init; } = CatalogSignatureStatus.Unsigned;

    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;
}
