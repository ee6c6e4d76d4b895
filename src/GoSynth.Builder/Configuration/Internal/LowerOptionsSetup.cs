using GoSynth.BuildDb;
using GoSynth.Environment;
using GoSynth.Environment.Slots;
using GoSynth.Pkg;
using GoSynth.Pkg.Profiles;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Configuration.Internal;

/// <summary>
/// Carries the builder's configuration down to the packages below, so that one dsynth.ini configures the scan, the
/// build database and the slots: the one place where <see cref="BuilderOptions"/> meets their options types.
/// </summary>
internal sealed class LowerOptionsSetup(IOptions<BuilderOptions> builder)
    : IConfigureOptions<PkgOptions>, IConfigureOptions<BuildDbOptions>, IConfigureOptions<EnvironmentOptions>
{
    public void Configure(PkgOptions options)
    {
        if (Builder() is not { } b)
        {
            return;
        }

        options.PortsDirectory = b.PortsDirectory;
        options.CacheDirectory = b.EffectiveMetadataCacheDirectory;
        options.Profile = ProfileOf(b);
    }

    public void Configure(BuildDbOptions options)
    {
        if (Builder() is { } b)
        {
            options.Path = b.EffectiveDatabasePath;
        }
    }

    public void Configure(EnvironmentOptions options)
    {
        if (Builder() is not { } b)
        {
            return;
        }

        var slots = options.Slots ?? new SlotOptions();
        slots.BuildBase = b.BuildBase;
        slots.PortsDirectory = b.PortsDirectory;
        slots.DistfilesDirectory = b.DistfilesDirectory;
        slots.PackagesDirectory = b.PackagesDirectory;
        slots.OptionsDirectory = b.OptionsDirectory;
        slots.CCacheDirectory = b.CCacheDirectory;
        slots.SystemRoot = b.SystemDirectory;
        slots.Backend = BackendOf(b);
        options.Slots = slots;
    }

    /// <summary>The builder's options, or null when they are invalid (their own validation reports why, once).</summary>
    private BuilderOptions? Builder()
    {
        try
        {
            return builder.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    /// <summary>The profile the tree is evaluated with: native on a BSD host unless a target release is named.</summary>
    public static TargetProfile? ProfileOf(BuilderOptions b)
    {
        if (TargetProfile.IsBsdHost && b.TargetRelease is null && b.TargetArchitecture is null)
        {
            return null;
        }

        return b.OperatingSystem == "DragonFly"
            ? TargetProfile.DragonFly(b.TargetRelease ?? "6.4", b.TargetArchitecture ?? "x86_64")
            : TargetProfile.FreeBsd(b.TargetRelease ?? "14.2", b.TargetArchitecture ?? "amd64");
    }

    public static SlotBackend BackendOf(BuilderOptions b) => b.SlotBackend switch
    {
        BuilderSlotBackend.Linux => SlotBackend.Linux,
        BuilderSlotBackend.Host => SlotBackend.Host,
        BuilderSlotBackend.Bsd => b.OperatingSystem == "DragonFly" ? SlotBackend.DragonFly : SlotBackend.FreeBsd,
        _ => SlotBackend.Auto,
    };
}
