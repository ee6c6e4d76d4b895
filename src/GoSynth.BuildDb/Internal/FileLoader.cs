using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb.Internal;

/// <summary>Reads a database file into a <see cref="DatabaseState"/>: header check, frame scan, record replay.</summary>
internal static class FileLoader
{
    public static LoadResult Load(SafeFileHandle handle, string path, DatabaseState state, ILogger logger, ScanWindow? window = null)
    {
        var result = new LoadResult();
        var length = RandomAccess.GetLength(handle);
        if (length == 0)
        {
            result.Empty = true;
            return result;
        }

        Span<byte> header = stackalloc byte[FileFormat.HeaderSize + 1];
        var read = RandomAccess.Read(handle, header, 0);
        switch (FileFormat.CheckHeader(header[..Math.Min(read, FileFormat.HeaderSize)], out var version, out var generation))
        {
            case HeaderCheck.NotADatabase:
                throw new BuildDbCorruptException(path, "its first bytes are not a GoSynth build database header (wrong magic)");
            case HeaderCheck.Truncated:
                result.HeaderDamaged = true;
                result.ValidEnd = length;
                result.Damage.Add(new DamagedRange(DamageKind.Header, 0, length, $"the file is only {length} bytes, shorter than its header"));
                return result;
            case HeaderCheck.BadChecksum:
                // The version field may be the damaged part: the first record tells the formats apart.
                result.HeaderDamaged = true;
                result.Version = read > FileFormat.HeaderSize && header[FileFormat.HeaderSize] == FileFormat.Marker ? FileFormat.CurrentVersion : (ushort)1;
                result.Damage.Add(new DamagedRange(DamageKind.Header, 0, FileFormat.HeaderSize, "the header failed its checksum; the records after it were read as format version " + result.Version));
                break;
            default:
                if (version > FileFormat.CurrentVersion || header[10] + header[11] != 0)
                {
                    throw new BuildDbVersionException(path, $"format version {version}", $"format versions 1 to {FileFormat.CurrentVersion}");
                }

                if (version == 0)
                {
                    throw new BuildDbCorruptException(path, "its header names format version 0");
                }

                result.Generation = generation;
                result.Version = version;
                break;
        }

        Scan(handle, path, state, result, FileFormat.HeaderSize, length, logger, window);
        return result;
    }

    /// <summary>Scans [start, end) as format <see cref="LoadResult.Version"/> into <paramref name="state"/>, adding to <paramref name="result"/>.</summary>
    public static void Scan(SafeFileHandle handle, string path, DatabaseState state, LoadResult result, long start, long end, ILogger logger, ScanWindow? window = null)
    {
        window = (window ?? new ScanWindow()).Reset(handle, end);
        var damage = result.Damage;
        FrameHandler onFrame = (offset, length, type, payload) =>
        {
            if (!FileFormat.IsKnownType(type))
            {
                if ((type & FileFormat.OptionalTypeBit) != 0)
                {
                    Log.UnknownRecordSkipped(logger, path, type, offset);
                    return;
                }

                throw new BuildDbVersionException(path, $"record type 0x{type:x2} at offset {offset}", "record types 0x01 to 0x06 and optional types");
            }

            try
            {
                RecordCodec.Apply(state, type, payload);
                state.Records++;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                damage.Add(new DamagedRange(
                    DamageKind.Undecodable,
                    offset,
                    length,
                    $"the record at offset {offset} (type 0x{type:x2}) has a valid checksum but cannot be used: {ex.Message}"));
            }
        };
        long tail;
        result.ValidEnd = result.Version >= FileFormat.EscapedVersion
            ? new FrameScanner(window).Scan(start, onFrame, damage, out tail)
            : new LegacyFrameScanner(window).Scan(start, onFrame, damage, out tail);
        result.TailLength = tail;
    }
}
