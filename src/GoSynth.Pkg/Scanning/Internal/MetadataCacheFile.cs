using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;
using GoSynth.Environment.Processes;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// The metadata cache's file format (little-endian, strings length-prefixed UTF-8): the magic <c>GSMDCACH</c>, a format
/// version, the ports directory, the context key, the framework variables with their key, the entries, and a CRC32
/// of everything before it. Any mismatch makes the whole file unusable (it is then ignored and rewritten).
/// Version 2 added, after each entry's output, the other port directories and files make read for it
/// (<see cref="MakefileDependency"/>: path, directory flag, fingerprint); version 1 files are ignored.
/// </summary>
internal static class MetadataCacheFile
{
    public const int FormatVersion = 2;
    private static readonly byte[] Magic = "GSMDCACH"u8.ToArray();

    public static string HashText(string text) => Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(text)));

    public static void Write(
        string path,
        string portsDirectory,
        string context,
        string frameworkKey,
        ImmutableSortedDictionary<string, string>? framework,
        IReadOnlyCollection<KeyValuePair<QueryKey, MetadataCacheEntry>> entries)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(portsDirectory);
            writer.Write(context);
            writer.Write(frameworkKey);
            writer.Write(framework is not null);
            if (framework is not null)
            {
                writer.Write(framework.Count);
                foreach (var (name, value) in framework)
                {
                    writer.Write(name);
                    writer.Write(value);
                }
            }

            writer.Write(entries.Count);
            foreach (var (key, entry) in entries)
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
        }

        var crc = Crc32.HashToUInt32(memory.GetBuffer().AsSpan(0, (int)memory.Length));
        memory.Write(BitConverter.GetBytes(crc));

        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = path + ".tmp-" + System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            memory.Position = 0;
            memory.CopyTo(file);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static MetadataCacheContent Read(string path, string portsDirectory)
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

        var context = reader.ReadString();
        var frameworkKey = reader.ReadString();
        ImmutableSortedDictionary<string, string>? framework = null;
        if (reader.ReadBoolean())
        {
            var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                builder[reader.ReadString()] = reader.ReadString();
            }

            framework = builder.ToImmutable();
        }

        var entryCount = reader.ReadInt32();
        var entries = new List<KeyValuePair<QueryKey, MetadataCacheEntry>>(Math.Max(0, Math.Min(entryCount, 1 << 20)));
        for (var i = 0; i < entryCount; i++)
        {
            var origin = reader.ReadString();
            var flavor = reader.ReadString();
            var fingerprint = reader.ReadUInt32();
            var outcome = (ProcessOutcome)reader.ReadByte();
            var exitCode = reader.ReadInt32();
            var lineCount = reader.ReadInt32();
            if (lineCount < 0 || lineCount > 1 << 16)
            {
                throw new InvalidDataException("implausible line count " + lineCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var lines = ImmutableArray.CreateBuilder<string>(lineCount);
            for (var j = 0; j < lineCount; j++)
            {
                lines.Add(reader.ReadString());
            }

            var stderr = reader.ReadString();
            var dependencyCount = reader.ReadInt32();
            if (dependencyCount < 0 || dependencyCount > 1 << 16)
            {
                throw new InvalidDataException("implausible dependency count " + dependencyCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var dependencies = ImmutableArray.CreateBuilder<MakefileDependency>(dependencyCount);
            for (var j = 0; j < dependencyCount; j++)
            {
                dependencies.Add(new MakefileDependency(reader.ReadString(), reader.ReadBoolean(), reader.ReadUInt32()));
            }

            var key = new QueryKey(origin, flavor.Length == 0 ? null : flavor);
            var output = new RawMakeOutput(outcome, exitCode, lines.MoveToImmutable(), stderr);
            entries.Add(new(key, new MetadataCacheEntry(context, fingerprint, output, dependencies.MoveToImmutable())));
        }

        return new MetadataCacheContent(context, frameworkKey, framework, entries);
    }
}
