using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;

namespace GoSynth.Pkg.Profiles.Internal;

/// <summary>
/// The stub system makefiles embedded as <c>GoSynth.Pkg.MakeSysPath.*.mk</c>, written once per content hash into a
/// directory GoSynth controls.
/// </summary>
internal static class MakeSysPathStubs
{
    private const string ResourcePrefix = "GoSynth.Pkg.MakeSysPath.";
    private static readonly Lazy<ImmutableSortedDictionary<string, byte[]>> FilesLazy = new(Load);
    private static readonly Lazy<string> HashLazy = new(ComputeHash);
    private static readonly Lock WriteLock = new();

    public static ImmutableSortedDictionary<string, byte[]> Files => FilesLazy.Value;

    public static string ContentHash => HashLazy.Value;

    public static string Ensure(string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        var target = Path.Combine(Path.GetFullPath(baseDirectory), "makesyspath-" + ContentHash);
        if (IsComplete(target))
        {
            return target;
        }

        lock (WriteLock)
        {
            if (IsComplete(target))
            {
                return target;
            }

            Directory.CreateDirectory(baseDirectory);
            var staging = target + ".tmp-" + System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(staging);
            foreach (var (name, content) in Files)
            {
                File.WriteAllBytes(Path.Combine(staging, name), content);
            }

            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (IsComplete(target))
            {
                // Another process wrote the same content first.
                Directory.Delete(staging, recursive: true);
            }
        }

        return target;
    }

    private static bool IsComplete(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return false;
        }

        foreach (var (name, content) in Files)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path) || new FileInfo(path).Length != content.Length)
            {
                return false;
            }
        }

        return true;
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
