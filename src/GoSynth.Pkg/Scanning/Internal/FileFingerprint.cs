using System.Buffers;
using System.IO.Hashing;
using System.Collections.Immutable;
using System.Text;
using GoSynth.Environment.Files;
using GoSynth.Pkg.Fingerprints.Internal;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// The fingerprint of one file that lies in no port directory, by the same rule as a port's: a CRC32 over the file
/// name (UTF-8), a NUL byte and the contents. A missing or unreadable file (or a directory) is 0; an entry of
/// length zero is never opened. A symbolic link is followed: the fingerprint is the target's.
/// </summary>
internal static class FileFingerprint
{
    /// <summary>
    /// The fingerprint through the file's previous stamp: the file is stat'ed (following a link, as the read does) and
    /// read only when its stat data differ from the stamp's or the stamp is racy (see <see cref="FingerprintStamp"/>).
    /// A missing file (or a directory) is 0 with no stat data.
    /// </summary>
    public static FingerprintStamp Compute(string path, FingerprintStamp? previous, long racyFromNanoseconds)
    {
        if (!FileStatus.IsSupported)
        {
            return new FingerprintStamp(Compute(path), [], Racy: true);
        }

        if (!FileStatus.TryGet(path, followLinks: true, out var status) || status.IsDirectory)
        {
            return previous is { Fingerprint: 0, Files.IsEmpty: true } ? previous : new FingerprintStamp(0, [], Racy: false);
        }

        if (previous is { Racy: false, Files: [var known] } && known.Matches(status))
        {
            return previous;
        }

        var stamp = FileStamp.Of("", status);
        return new FingerprintStamp(Compute(path), ImmutableArray.Create(stamp), stamp.Newest >= racyFromNanoseconds);
    }

    public static uint Compute(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return 0;
            }

            var crc = new Crc32();
            crc.Append(Encoding.UTF8.GetBytes(info.Name));
            crc.Append([0]);
            if (info.Length == 0)
            {
                // Never opened: a FIFO or device node must not block the scan (an empty file adds nothing anyway).
                return crc.GetCurrentHashAsUInt32();
            }

            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    crc.Append(buffer.AsSpan(0, read));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return crc.GetCurrentHashAsUInt32();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
