namespace GoSynth.Pkg.Packages.Internal;

/// <summary>Applies Unix permission bits; a no-op on Windows, where packages can be read and written but modes do not exist.</summary>
internal static class UnixModes
{
    public static void Set(string path, int mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)(mode & 0xFFF));
        }
    }
}
