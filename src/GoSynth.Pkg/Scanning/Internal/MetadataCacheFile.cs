using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;
using GoSynth.Environment.Files;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Fingerprints.Internal;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// The metadata cache's file format (little-endian, strings length-prefixed UTF-8): the magic <c>GSMDCACH</c>, a format
/// version, the ports directory, the framework variable sets (key, then name/value pairs), the contexts (key, then
/// their entries), both most recently used first, and a CRC32 of everything before it. Any mismatch makes the whole
/// file unusable (it is then ignored and rewritten).
/// Version 2 added, after each entry's output, the other port directories and files make read for it
/// (<see cref="MakefileDependency"/>: path, directory flag, fingerprint); version 3 keeps several contexts and
/// framework variable sets instead of one; version 4 added, after the contexts, the fingerprint stamps (path relative to
/// the ports directory, or absolute outside it; fingerprint; racy flag; then per file its name, size, modification and
/// change times in nanoseconds, inode, device and mode); version 5 adds to each stamp the same data of every directory
/// walked, after its files. Files of another version are ignored.
/// <para>
/// A context's entries can be read as one block of bytes (<see cref="ReadBlocks"/>, checked but not parsed) and written
/// back verbatim, so a scan parses only the context it uses.
/// </para>
/// </summary>
internal static class MetadataCacheFile
{
    public const int FormatVersion = 5;
    private static readonly byte[] Magic = "GSMDCACH"u8.ToArray();

    public static string HashText(string text) => Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(text)));

    public static void Write(
        string path,
        string portsDirectory,
        IReadOnlyList<KeyValuePair<string, ImmutableSortedDictionary<string, string>>> frameworks,
        IReadOnlyList<string> contexts,
        IReadOnlyCollection<KeyValuePair<QueryKey, MetadataCacheEntry>> entries,
        IReadOnlyCollection<KeyValuePair<string, FingerprintStamp>> stamps,
        IReadOnlyDictionary<string, MetadataCacheBlock>? unparsed = null)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(portsDirectory);
            writer.Write(frameworks.Count);
            foreach (var (key, variables) in frameworks)
            {
                writer.Write(key);
                writer.Write(variables.Count);
                foreach (var (name, value) in variables)
                {
                    writer.Write(name);
                    writer.Write(value);
                }
            }

            var byContext = entries.ToLookup(e => e.Value.Context, StringComparer.Ordinal);
            writer.Write(contexts.Count);
            foreach (var context in contexts)
            {
                if (unparsed is not null && unparsed.TryGetValue(context, out var block))
                {
                    writer.Write(context);
                    writer.Write(block.Count);
                    writer.Write(block.Bytes);
                    continue;
                }

                var inContext = byContext[context].ToList();
                writer.Write(context);
                writer.Write(inContext.Count);
                foreach (var (key, entry) in inContext)
                {
                    WriteEntry(writer, key, entry);
                }
            }

            var prefix = portsDirectory + "/";
            writer.Write(stamps.Count);
            foreach (var (stamped, stamp) in stamps)
            {
                writer.Write(stamped.StartsWith(prefix, StringComparison.Ordinal) ? stamped[prefix.Length..] : stamped);
                WriteStamp(writer, stamp);
            }
        }

        var crc = Crc32.HashToUInt32(memory.GetBuffer().AsSpan(0, (int)memory.Length));
        memory.Write(BitConverter.GetBytes(crc));

        // The cache decides what gets built: it lives in a private directory (created 0700, owner and mode checked).
        PrivateDirectory.Ensure(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            memory.Position = 0;
            memory.CopyTo(file);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads the whole file, every context's entries parsed.</summary>
    public static MetadataCacheContent Read(string path, string portsDirectory)
    {
        var blocks = ReadBlocks(path, portsDirectory);
        var entries = new List<KeyValuePair<QueryKey, MetadataCacheEntry>>();
        foreach (var block in blocks.Contexts)
        {
            entries.AddRange(ParseBlock(block));
        }

        return new MetadataCacheContent(blocks.Frameworks, [.. blocks.Contexts.Select(b => b.Context)], entries, blocks.Stamps);
    }

    /// <summary>
    /// Reads the file, keeping each context's entries as a block of bytes (a copy of just that block). Every entry's
    /// structure is checked on the way (counts within their limits, lengths within the file), so a block parses later.
    /// </summary>
    public static MetadataCacheBlocks ReadBlocks(string path, string portsDirectory)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 8 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a GoSynth metadata cache file");
        }

        var stored = BitConverter.ToUInt32(bytes, bytes.Length - 4);
        if (Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)) != stored)
        {
            throw new InvalidDataException("checksum mismatch (damaged or truncated)");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 4), Encoding.UTF8);
        reader.ReadBytes(Magic.Length);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"format version {version}, this GoSynth reads version {FormatVersion}");
        }

        if (reader.ReadString() != portsDirectory)
        {
            throw new InvalidDataException("it belongs to another ports tree");
        }

        var frameworkCount = ReadCount(reader, 1 << 10, "framework set");
        var frameworks = new List<KeyValuePair<string, ImmutableSortedDictionary<string, string>>>(frameworkCount);
        for (var i = 0; i < frameworkCount; i++)
        {
            var key = reader.ReadString();
            var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var count = ReadCount(reader, 1 << 16, "framework variable");
            for (var j = 0; j < count; j++)
            {
                builder[reader.ReadString()] = reader.ReadString();
            }

            frameworks.Add(new(key, builder.ToImmutable()));
        }

        var contextCount = ReadCount(reader, 1 << 10, "context");
        var contexts = new List<MetadataCacheBlock>(contextCount);
        for (var c = 0; c < contextCount; c++)
        {
            var context = reader.ReadString();
            var entryCount = ReadCount(reader, 1 << 24, "entry");
            var start = (int)reader.BaseStream.Position;
            var named = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < entryCount; i++)
            {
                SkipEntry(reader, named);
            }

            contexts.Add(new MetadataCacheBlock(context, entryCount, bytes.AsSpan(start, (int)reader.BaseStream.Position - start).ToArray(), named));
        }

        var stampCount = ReadCount(reader, 1 << 24, "stamp");
        var stamps = new List<KeyValuePair<string, FingerprintStamp>>(stampCount);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < stampCount; i++)
        {
            var stamped = reader.ReadString();
            stamps.Add(new(stamped.StartsWith('/') ? stamped : portsDirectory + "/" + stamped, ReadStamp(reader, names)));
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException("unexpected data after the stamps");
        }

        return new MetadataCacheBlocks(frameworks, contexts, stamps);
    }

    /// <summary>Parses a context's block (from <see cref="ReadBlocks"/>) into its entries.</summary>
    /// <exception cref="InvalidDataException">The block does not hold exactly its entries.</exception>
    public static List<KeyValuePair<QueryKey, MetadataCacheEntry>> ParseBlock(MetadataCacheBlock block)
    {
        using var reader = new BinaryReader(new MemoryStream(block.Bytes, writable: false), Encoding.UTF8);
        var entries = new List<KeyValuePair<QueryKey, MetadataCacheEntry>>(block.Count);
        for (var i = 0; i < block.Count; i++)
        {
            entries.Add(ReadEntry(reader, block.Context));
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException("unexpected data after the entries of a context");
        }

        return entries;
    }

    private static void WriteStamp(BinaryWriter writer, FingerprintStamp stamp)
    {
        writer.Write(stamp.Fingerprint);
        writer.Write(stamp.Racy);
        writer.Write7BitEncodedInt(stamp.Files.Length);
        foreach (var file in stamp.Files)
        {
            WriteFileStamp(writer, file);
        }

        var directories = stamp.Directories.IsDefault ? [] : stamp.Directories;
        writer.Write7BitEncodedInt(directories.Length);
        foreach (var directory in directories)
        {
            WriteFileStamp(writer, directory);
        }
    }

    private static void WriteFileStamp(BinaryWriter writer, FileStamp file)
    {
        writer.Write(file.Name);
        writer.Write7BitEncodedInt64(file.Size);
        writer.Write(file.ModifiedNanoseconds);
        writer.Write(file.ChangedNanoseconds);
        writer.Write(file.Inode);
        writer.Write(file.Device);
        writer.Write(file.Mode);
    }

    /// <summary>Reads a stamp; the file names (Makefile, distinfo, pkg-descr… in every port) are shared through <paramref name="names"/>.</summary>
    private static FingerprintStamp ReadStamp(BinaryReader reader, Dictionary<string, string> names)
    {
        var fingerprint = reader.ReadUInt32();
        var racy = reader.ReadBoolean();
        var files = ReadFileStamps(reader, names);
        var directories = ReadFileStamps(reader, names);
        return new FingerprintStamp(fingerprint, files, racy, directories);
    }

    private static ImmutableArray<FileStamp> ReadFileStamps(BinaryReader reader, Dictionary<string, string> names)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > 1 << 20)
        {
            throw new InvalidDataException("implausible file count " + count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " in a stamp");
        }

        var files = ImmutableArray.CreateBuilder<FileStamp>(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            if (names.TryGetValue(name, out var shared))
            {
                name = shared;
            }
            else if (names.Count < 1 << 16)
            {
                names.Add(name, name);
            }

            files.Add(new FileStamp(name, reader.Read7BitEncodedInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadInt32()));
        }

        return files.MoveToImmutable();
    }

    private static void WriteEntry(BinaryWriter writer, QueryKey key, MetadataCacheEntry entry)
    {
        writer.Write(key.Origin);
        writer.Write(key.Flavor ?? "");
        writer.Write(entry.Fingerprint);
        writer.Write((byte)entry.Output.Outcome);
        writer.Write(entry.Output.ExitCode);
        writer.Write(entry.Output.Lines.Length);
        foreach (var line in entry.Output.Lines)
        {
            writer.Write(line);
        }

        writer.Write(entry.Output.StandardError);
        writer.Write(entry.Dependencies.Length);
        foreach (var dependency in entry.Dependencies)
        {
            writer.Write(dependency.Path);
            writer.Write(dependency.IsDirectory);
            writer.Write(dependency.Fingerprint);
        }
    }

    private static KeyValuePair<QueryKey, MetadataCacheEntry> ReadEntry(BinaryReader reader, string context)
    {
        var origin = reader.ReadString();
        var flavor = reader.ReadString();
        var fingerprint = reader.ReadUInt32();
        var outcome = (ProcessOutcome)reader.ReadByte();
        var exitCode = reader.ReadInt32();
        var lineCount = ReadCount(reader, 1 << 16, "line");
        var lines = ImmutableArray.CreateBuilder<string>(lineCount);
        for (var j = 0; j < lineCount; j++)
        {
            lines.Add(reader.ReadString());
        }

        var stderr = reader.ReadString();
        var dependencyCount = ReadCount(reader, 1 << 16, "dependency");
        var dependencies = ImmutableArray.CreateBuilder<MakefileDependency>(dependencyCount);
        for (var j = 0; j < dependencyCount; j++)
        {
            dependencies.Add(new MakefileDependency(reader.ReadString(), reader.ReadBoolean(), reader.ReadUInt32()));
        }

        var key = new QueryKey(origin, flavor.Length == 0 ? null : flavor);
        var output = new RawMakeOutput(outcome, exitCode, lines.MoveToImmutable(), stderr);
        return new(key, new MetadataCacheEntry(context, fingerprint, output, dependencies.MoveToImmutable()));
    }

    /// <summary>Steps over one entry as <see cref="ReadEntry"/> reads it, with the same checks, creating nothing.</summary>
    /// <summary>Steps over one entry, adding to <paramref name="names"/> the paths it names (its port, its dependencies).</summary>
    private static void SkipEntry(BinaryReader reader, HashSet<string> names)
    {
        names.Add(reader.ReadString()); // origin
        SkipString(reader); // flavor
        Skip(reader, sizeof(uint) + sizeof(byte) + sizeof(int)); // fingerprint, outcome, exit code
        var lineCount = ReadCount(reader, 1 << 16, "line");
        for (var j = 0; j < lineCount; j++)
        {
            SkipString(reader);
        }

        SkipString(reader); // standard error
        var dependencyCount = ReadCount(reader, 1 << 16, "dependency");
        for (var j = 0; j < dependencyCount; j++)
        {
            names.Add(reader.ReadString());
            Skip(reader, sizeof(bool) + sizeof(uint));
        }
    }

    private static void SkipString(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        if (length < 0)
        {
            throw new InvalidDataException("negative string length " + length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Skip(reader, length);
    }

    private static void Skip(BinaryReader reader, int count)
    {
        var stream = reader.BaseStream;
        if (stream.Length - stream.Position < count)
        {
            throw new EndOfStreamException("an entry runs past the end of the file");
        }

        stream.Position += count;
    }

    private static int ReadCount(BinaryReader reader, int limit, string what)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > limit)
        {
            throw new InvalidDataException("implausible " + what + " count " + count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return count;
    }
}
