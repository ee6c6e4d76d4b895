using GoSynth.Environment.Files;
using GoSynth.Pkg.Profiles;

namespace GoSynth.Cli.Status;

/// <summary>Where things are when the user does not say: the bundled sample tree, the cache directory, the profile.</summary>
internal static class CliDefaults
{
    /// <summary>The bundled samples/ports found above the executable (a build in the repository), else /usr/ports.</summary>
    public static string PortsDirectory() => BundledSampleTree() ?? "/usr/ports";

    /// <summary>The sample tree gosynth carries: <c>samples/ports</c> next to the tool's assembly, or the repository's when run from a build in it.</summary>
    public static string? BundledSampleTree()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "ports");
            if (File.Exists(Path.Combine(candidate, "Mk", "bsd.port.mk")))
            {
                return candidate;
            }
        }

        return null;
    }

    public static string CacheDirectory()
    {
        var xdg = System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
        {
            return Path.Combine(xdg, "gosynth");
        }

        // Without a home, the per-user private directory (never a fixed name in the shared temporary directory).
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? Path.Combine(PrivateDirectory.DefaultRoot(), "cache") : Path.Combine(home, ".cache", "gosynth");
    }

    /// <exception cref="ArgumentException">A bad release or architecture.</exception>
    public static TargetProfile Profile(string? name, string? osVersion, string? architecture) =>
        (name ?? (TargetProfile.IsBsdHost ? "native" : "freebsd")) switch
        {
            "native" => TargetProfile.Native,
            "dragonfly" => TargetProfile.DragonFly(osVersion ?? "6.4", architecture ?? "x86_64"),
            _ => TargetProfile.FreeBsd(osVersion ?? "14.2", architecture ?? "amd64"),
        };
}
