using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace GoSynth.Builder.Configuration;

public sealed partial class BuilderOptions : IValidatableObject
{
    /// <summary>The values <c>Package_suffix</c> accepts.</summary>
    public static IReadOnlyList<string> PackageSuffixes { get; } = [".tgz", ".tar", ".txz", ".tbz", ".tzst", ".pkg"];

    /// <summary>The values <c>Operating_system</c> accepts.</summary>
    public static IReadOnlyList<string> OperatingSystems { get; } = ["DragonFly", "FreeBSD"];

    /// <summary>Checks what attributes cannot: absolute paths, the enumerated values and dsynth's unsupported settings.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (value, name, key) in Paths())
        {
            if (value is not null && !Path.IsPathFullyQualified(value))
            {
                yield return new ValidationResult($"{key} must be an absolute path; it is '{value}'.", [name]);
            }
        }

        if (!PackageSuffixes.Contains(PackageSuffix))
        {
            yield return new ValidationResult($"Package_suffix '{PackageSuffix}' is not one of {string.Join(' ', PackageSuffixes)}.", [nameof(PackageSuffix)]);
        }

        if (!OperatingSystems.Contains(OperatingSystem))
        {
            yield return new ValidationResult($"Operating_system '{OperatingSystem}' is not one of {string.Join(' ', OperatingSystems)}.", [nameof(OperatingSystem)]);
        }

        if (!TmpfsWorkdir)
        {
            yield return new ValidationResult("Tmpfs_workdir = false is not supported (as in dsynth); slots always build in tmpfs.", [nameof(TmpfsWorkdir)]);
        }

        if (!TmpfsLocalbase)
        {
            yield return new ValidationResult("Tmpfs_localbase = false is not supported (as in dsynth); slots always use a tmpfs /usr/local.", [nameof(TmpfsLocalbase)]);
        }

        if (LeveragePrebuilt)
        {
            yield return new ValidationResult("leverage_prebuilt = true is not supported (as in dsynth).", [nameof(LeveragePrebuilt)]);
        }

        if (TargetRelease is not null && !ReleasePattern().IsMatch(TargetRelease))
        {
            yield return new ValidationResult($"Target_release '{TargetRelease}' is not a release such as 14.2 or 6.4.", [nameof(TargetRelease)]);
        }

        if (TargetArchitecture is not null && !ArchitecturePattern().IsMatch(TargetArchitecture))
        {
            yield return new ValidationResult($"Target_architecture '{TargetArchitecture}' is not an architecture such as amd64, aarch64 or x86_64.", [nameof(TargetArchitecture)]);
        }

        if (CatalogFrameSize is > 0 and < Pkg.Repositories.RepositoryOptions.MinCompressionFrameSize)
        {
            yield return new ValidationResult(
                $"Catalog_frame_size {CatalogFrameSize} is below {Pkg.Repositories.RepositoryOptions.MinCompressionFrameSize}; use 0 (one frame) or at least {Pkg.Repositories.RepositoryOptions.MinCompressionFrameSize}.", [nameof(CatalogFrameSize)]);
        }

        if (!Enum.IsDefined(SlotBackend))
        {
            yield return new ValidationResult($"Slot_backend '{SlotBackend}' is not one of auto linux bsd host.", [nameof(SlotBackend)]);
        }
    }

    private IEnumerable<(string? Value, string Name, string Key)> Paths()
    {
        yield return (PackagesDirectory, nameof(PackagesDirectory), "Directory_packages");
        yield return (RepositoryDirectory, nameof(RepositoryDirectory), "Directory_repository");
        yield return (PortsDirectory, nameof(PortsDirectory), "Directory_portsdir");
        yield return (OptionsDirectory, nameof(OptionsDirectory), "Directory_options");
        yield return (DistfilesDirectory, nameof(DistfilesDirectory), "Directory_distfiles");
        yield return (BuildBase, nameof(BuildBase), "Directory_buildbase");
        yield return (LogsDirectory, nameof(LogsDirectory), "Directory_logs");
        yield return (CCacheDirectory, nameof(CCacheDirectory), "Directory_ccache");
        yield return (SystemDirectory, nameof(SystemDirectory), "Directory_system");
        yield return (MetadataCacheDirectory, nameof(MetadataCacheDirectory), "Directory_metacache");
        yield return (DatabasePath, nameof(DatabasePath), "Database_path");
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+$")]
    private static partial Regex ReleasePattern();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex ArchitecturePattern();
}
