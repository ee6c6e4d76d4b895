namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Something outside a port's own directory that its answer was computed from: another port directory
/// (<paramref name="IsDirectory"/>, fingerprinted like a port) or a single file that lies in no port directory
/// (the tree's top level or a category), fingerprinted by its contents.
/// </summary>
/// <param name="Path">Relative to the ports tree, <c>/</c> separators (<c>devel/foo</c>, <c>lang/Makefile.inc</c>).</param>
/// <param name="IsDirectory">A port directory rather than a single file.</param>
/// <param name="Fingerprint">Its fingerprint when the answer was computed.</param>
internal readonly record struct MakefileDependency(string Path, bool IsDirectory, uint Fingerprint);
