using System.Collections.Immutable;
using System.Globalization;
using GoSynth.Pkg.Profiles.Internal;

namespace GoSynth.Pkg.Profiles;

/// <summary>
/// Makes a host evaluate a ports tree for a target system. The native profile adds nothing (a FreeBSD or DragonFly
/// host answers for itself). A cross profile (FreeBSD or DragonFly evaluated on Linux) supplies the variables the
/// framework would otherwise compute from the running system (<c>OPSYS</c>, <c>OSVERSION</c>, <c>_OSRELEASE</c>,
/// <c>OSREL</c>, <c>ARCH</c>, <c>CONFIGURE_MAX_CMD_LEN</c>, <c>_SMP_CPUS</c>) and a <c>MAKESYSPATH</c> directory of
/// stub system makefiles (<c>bsd.port.mk</c> and friends) that GoSynth ships and writes.
/// </summary>
public sealed class TargetProfile
{
    private static readonly ImmutableArray<string> FreeBsdArchitectures = ["amd64", "aarch64", "i386", "armv6", "armv7", "powerpc", "powerpc64", "powerpc64le", "riscv64"];
    private static readonly ImmutableArray<string> DragonFlyArchitectures = ["x86_64"];

    private TargetProfile(string name, string operatingSystem, string? release, string? architecture, ImmutableSortedDictionary<string, string> variables, bool usesMakeSysPath)
    {
        Name = name;
        OperatingSystem = operatingSystem;
        Release = release;
        Architecture = architecture;
        Variables = variables;
        UsesMakeSysPath = usesMakeSysPath;
    }

    /// <summary>A short name: <c>native</c>, <c>freebsd-14.2-amd64</c>, <c>dragonfly-6.4-x86_64</c>.</summary>
    public string Name { get; }

    /// <summary>The target's <c>OPSYS</c> (<c>FreeBSD</c>, <c>DragonFly</c>), or the host's name for the native profile.</summary>
    public string OperatingSystem { get; }

    /// <summary>The target release, e.g. <c>14.2</c>; null for the native profile.</summary>
    public string? Release { get; }

    /// <summary>The target <c>ARCH</c>, e.g. <c>amd64</c>; null for the native profile.</summary>
    public string? Architecture { get; }

    /// <summary>The variables put into the environment of every make call, sorted by name. Empty for the native profile.</summary>
    public ImmutableSortedDictionary<string, string> Variables { get; }

    /// <summary>True when make must be pointed at GoSynth's stub system makefiles (<c>MAKESYSPATH</c>).</summary>
    public bool UsesMakeSysPath { get; }

    /// <summary>True for the native profile.</summary>
    public bool IsNative => Variables.IsEmpty && !UsesMakeSysPath;

    /// <summary>The make program of the host: <c>make</c> on FreeBSD and DragonFly (BSD make), <c>bmake</c> elsewhere.</summary>
    public static string DefaultMakeProgram => IsBsdHost ? "make" : "bmake";

    /// <summary>True when the host is FreeBSD or DragonFly, where the native profile is the natural one.</summary>
    public static bool IsBsdHost =>
        System.OperatingSystem.IsFreeBSD() || System.Runtime.InteropServices.RuntimeInformation.OSDescription.Contains("DragonFly", StringComparison.OrdinalIgnoreCase);

    /// <summary>The native profile: the host answers for itself; nothing is added.</summary>
    public static TargetProfile Native { get; } = new("native", HostOperatingSystemName(), null, null, ImmutableSortedDictionary<string, string>.Empty, usesMakeSysPath: false);

    /// <summary>The default profile for this host: <see cref="Native"/> on a BSD host, FreeBSD 14.2 for the host's architecture elsewhere.</summary>
    public static TargetProfile ForHost() => IsBsdHost ? Native : FreeBsd("14.2", HostFreeBsdArchitecture());

    /// <summary>A FreeBSD target evaluated on a non-FreeBSD host.</summary>
    /// <param name="release">The release, <c>major.minor</c> such as <c>14.2</c>; gives <c>OSVERSION</c> 1402000.</param>
    /// <param name="architecture">FreeBSD's <c>ARCH</c>: amd64, aarch64, i386, armv6, armv7, powerpc, powerpc64, powerpc64le, riscv64.</param>
    /// <param name="smpCpus">The target's CPU count (<c>_SMP_CPUS</c>, which sets <c>MAKE_JOBS_NUMBER</c>); null for the host's.</param>
    /// <exception cref="ArgumentException">The release or the architecture is not valid; the message says which forms are.</exception>
    public static TargetProfile FreeBsd(string release, string architecture = "amd64", int? smpCpus = null)
    {
        var (major, minor) = ParseRelease(release, nameof(release));
        if (major is < 2 or > 99 || minor > 99)
        {
            throw new ArgumentException($"FreeBSD release '{release}' is out of range: expected major 2-99 and minor 0-99, such as 14.2.", nameof(release));
        }

        CheckArchitecture(architecture, FreeBsdArchitectures, "FreeBSD");
        var osversion = (major * 100000) + (minor * 1000);
        var rel = major.ToString(CultureInfo.InvariantCulture) + "." + minor.ToString(CultureInfo.InvariantCulture);
        var variables = CommonVariables("FreeBSD", rel, rel + "-RELEASE", architecture, smpCpus)
            .Add("OSVERSION", osversion.ToString(CultureInfo.InvariantCulture));
        return new TargetProfile($"freebsd-{rel}-{architecture}", "FreeBSD", rel, architecture, variables, usesMakeSysPath: true);
    }

    /// <summary>A DragonFly target evaluated on a non-DragonFly host (as dsynth sets it up: <c>DFLYVERSION</c> and <c>OSVERSION=9999999</c>).</summary>
    /// <param name="release">The release, <c>major.minor</c> such as <c>6.4</c>; gives <c>DFLYVERSION</c> 600400.</param>
    /// <param name="architecture">DragonFly's <c>ARCH</c>: x86_64.</param>
    /// <param name="smpCpus">The target's CPU count; null for the host's.</param>
    /// <exception cref="ArgumentException">The release or the architecture is not valid.</exception>
    public static TargetProfile DragonFly(string release, string architecture = "x86_64", int? smpCpus = null)
    {
        var (major, minor) = ParseRelease(release, nameof(release));
        if (major is < 1 or > 99 || minor > 99)
        {
            throw new ArgumentException($"DragonFly release '{release}' is out of range: expected major 1-99 and minor 0-99, such as 6.4.", nameof(release));
        }

        CheckArchitecture(architecture, DragonFlyArchitectures, "DragonFly");
        var rel = major.ToString(CultureInfo.InvariantCulture) + "." + minor.ToString(CultureInfo.InvariantCulture);
        var dfly = (major * 100000) + (minor * 100);
        var variables = CommonVariables("DragonFly", rel, rel + "-RELEASE", architecture, smpCpus)
            .Add("OSVERSION", "9999999")
            .Add("DFLYVERSION", dfly.ToString(CultureInfo.InvariantCulture));
        return new TargetProfile($"dragonfly-{rel}-{architecture}", "DragonFly", rel, architecture, variables, usesMakeSysPath: true);
    }

    /// <summary>
    /// Writes the stub system makefiles into a subdirectory of <paramref name="baseDirectory"/> named after their
    /// content hash (so a directory, once written, never changes) and returns it; null when the profile needs none.
    /// </summary>
    public string? EnsureMakeSysPath(string baseDirectory) =>
        UsesMakeSysPath ? MakeSysPathStubs.Ensure(baseDirectory) : null;

    /// <summary>A hash of the stub system makefiles this profile uses (empty when none): part of the metadata cache key.</summary>
    public string MakeSysPathHash => UsesMakeSysPath ? MakeSysPathStubs.ContentHash : "";

    /// <inheritdoc />
    public override string ToString() => Name;

    private static ImmutableSortedDictionary<string, string> CommonVariables(string opsys, string rel, string osrelease, string arch, int? smpCpus)
    {
        if (smpCpus is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(smpCpus), smpCpus, "The CPU count must be at least 1.");
        }

        var cpus = (smpCpus ?? System.Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture);
        return ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["OPSYS"] = opsys,
            ["OSREL"] = rel,
            ["_OSRELEASE"] = osrelease,
            ["ARCH"] = arch,
            ["CONFIGURE_MAX_CMD_LEN"] = "262144",
            ["_SMP_CPUS"] = cpus,
            ["UNAME_s"] = opsys,
            ["UNAME_r"] = osrelease,
            ["UNAME_m"] = arch,
            ["UNAME_p"] = arch,
        });
    }

    private static (int Major, int Minor) ParseRelease(string release, string parameter)
    {
        ArgumentNullException.ThrowIfNull(release, parameter);
        var parts = release.Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            throw new ArgumentException($"Release '{release}' is not of the form major.minor (digits only), such as 14.2.", parameter);
        }

        return (major, minor);
    }

    private static void CheckArchitecture(string architecture, ImmutableArray<string> allowed, string system)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (!allowed.Contains(architecture))
        {
            throw new ArgumentException($"Architecture '{architecture}' is not a {system} ARCH; use one of: {string.Join(", ", allowed)}.", nameof(architecture));
        }
    }

    private static string HostFreeBsdArchitecture() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
        System.Runtime.InteropServices.Architecture.X86 => "i386",
        System.Runtime.InteropServices.Architecture.Arm => "armv7",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.Ppc64le => "powerpc64le",
        _ => "amd64",
    };

    private static string HostOperatingSystemName() =>
        System.OperatingSystem.IsFreeBSD() ? "FreeBSD"
        : System.Runtime.InteropServices.RuntimeInformation.OSDescription.Contains("DragonFly", StringComparison.OrdinalIgnoreCase) ? "DragonFly"
        : System.OperatingSystem.IsLinux() ? "Linux"
        : System.Runtime.InteropServices.RuntimeInformation.OSDescription;
}
