using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;
using GoSynth.Environment.Files;

namespace GoSynth.Pkg.Profiles.Internal;

/// <summary>
/// The stub system makefiles embedded as <c>GoSynth.Pkg.MakeSysPath.*.mk</c>, written once per content hash into a
/// private directory GoSynth controls, and verified by content every time they are reused.
/// </summary>
internal static class MakeSysPathStubs
{
    private const string ResourcePrefix = "GoSynth.Pkg.MakeSysPath.";
    private static readonly Lazy<ImmutableSortedDictionary<string, byte[]>> FilesLazy = new(Load);
    private static readonly Lazy<string> HashLazy = new(ComputeHash);
    private static readonly Lock WriteLock = new();

    public static ImmutableSortedDictionary<string, byte[]> Files => FilesLazy.Value;

    public static string ContentHash => HashLazy.Value;

    /// <summary>
    /// The stub directory under <paramref name="baseDirectory"/> (a private directory, see <see cref="PrivateDirectory"/>),
    /// written when missing and rewritten when any file differs from the embedded content (byte for byte, not by length).
    /// </summary>
    public static string Ensure(string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        var root = PrivateDirectory.Ensure(baseDirectory);
        var target = Path.Combine(root, "makesyspath-" + ContentHash);
        lock (WriteLock)
        {
            if (IsComplete(target))
            {
                return target;
            }

            var suffix = "-" + System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
            var staging = PrivateDirectory.Ensure(target + ".tmp" + suffix);
            foreach (var (name, content) in Files)
            {
                File.WriteAllBytes(Path.Combine(staging, name), content);
            }

            if (Directory.Exists(target) || File.Exists(target))
            {
                // Damaged or tampered with: move it aside (never edit it in place), then remove it.
                var stale = target + ".stale" + suffix;
                Directory.Move(target, stale);
                Remove(stale);
            }

            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (IsComplete(target))
            {
                // Another process wrote the same content first.
                Remove(staging);
            }
        }

        return target;
    }

    /// <summary>True when <paramref name="directory"/> is a private directory holding exactly the embedded stubs.</summary>
    private static bool IsComplete(string directory)
    {
        try
        {
            PrivateDirectory.Check(directory);
        }
        catch (PrivateDirectoryException)
        {
            return false;
        }

        var present = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        if (present.Count != Files.Count)
        {
            return false;
        }

        foreach (var (name, content) in Files)
        {
            var path = Path.Combine(directory, name);
            if (!present.Contains(name) || new FileInfo(path).LinkTarget is not null || !File.Exists(path))
            {
                return false;
            }

            if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
            {
                return false;
            }
        }

        return true;
    }

    private static void Remove(string path)
    {
        if (new DirectoryInfo(path) is { Exists: true, LinkTarget: null } directory)
        {
            directory.Delete(recursive: true);
        }
        else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    private static ImmutableSortedDictionary<string, byte[]> Load()
    {
        var assembly = typeof(MakeSysPathStubs).Assembly;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException("Embedded resource " + resource + " cannot be opened.");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            builder[resource[ResourcePrefix.Length..]] = memory.ToArray();
        }

        if (builder.Count == 0)
        {
            throw new InvalidOperationException("GoSynth.Pkg was built without its MAKESYSPATH stubs (" + ResourcePrefix + "*.mk).");
        }

        return builder.ToImmutable();
    }

    private static string ComputeHash()
    {
        var hash = new XxHash64();
        foreach (var (name, content) in Files)
        {
            hash.Append(Encoding.UTF8.GetBytes(name));
            hash.Append([0]);
            hash.Append(content);
            hash.Append([0]);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
