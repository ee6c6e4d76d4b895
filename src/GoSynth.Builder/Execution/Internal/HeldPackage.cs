using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Execution.Internal;

/// <summary>
/// A dependency package installed in a slot: the port, its package file name, and the identity (size and
/// modification time) of the file it was installed from, so a package rebuilt under the same name is not mistaken
/// for the one the slot holds.
/// </summary>
internal sealed record HeldPackage(PortId Port, string PackageFile, long Length, DateTime LastWriteUtc)
{
    /// <summary>The identity of <paramref name="hostPath"/> now, or null when it does not exist.</summary>
    public static HeldPackage? Describe(PortId port, string packageFile, string hostPath)
    {
        var info = new FileInfo(hostPath);
        return info.Exists ? new HeldPackage(port, packageFile, info.Length, info.LastWriteTimeUtc) : null;
    }
}
