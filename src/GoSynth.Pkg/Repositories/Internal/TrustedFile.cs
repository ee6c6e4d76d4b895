using GoSynth.Environment.Files;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>Reading and writing the side-cache files of a catalog (<see cref="CatalogCache"/>, <see cref="CatalogFrameCache"/>):
/// a file is trusted only when it is a regular file (not a symbolic link) in a private directory, owned by that
/// directory's owner and not writable by group or others; a new one is written 0600 and renamed into place.</summary>
internal static class TrustedFile
{
    /// <summary>The whole file.</summary>
    /// <exception cref="InvalidDataException">It cannot be trusted (the message says why).</exception>
    /// <exception cref="IOException">It or its directory cannot be read or is not private.</exception>
    public static byte[] Read(string path, long maxBytes)
    {
        PrivateDirectory.Check(Path.GetDirectoryName(path)!);
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new InvalidDataException("it is a symbolic link");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var stamp = FileStamp.StatusOf(file.SafeFileHandle);
        if (!stamp.IsRegularFile)
        {
            throw new InvalidDataException("it is not a regular file");
        }

        // The directory passed PrivateDirectory.Check, so its owner is this user; the file must have the same.
        if (!FileStatus.TryGet(Path.GetDirectoryName(path)!, followLinks: false, out var directory) || stamp.UserId != directory.UserId)
        {
            throw new InvalidDataException($"it is owned by uid {stamp.UserId}, not by the owner of its directory");
        }

        if ((stamp.Mode & 0x12) != 0)
        {
            throw new InvalidDataException($"it is writable by group or others (mode {Convert.ToString(stamp.Mode & 0xFFF, 8)})");
        }

        if (stamp.Size > maxBytes)
        {
            throw new InvalidDataException($"it is {stamp.Size} bytes, more than a cache can be");
        }

        var bytes = new byte[stamp.Size];
        file.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> (mode 0600) through a temporary file in its
    /// private directory, created when missing.</summary>
    /// <exception cref="IOException">The directory is unsafe or the file cannot be written.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        PrivateDirectory.Ensure(Path.GetDirectoryName(path)!);
        var temp = path + ".new";
        File.Delete(temp);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, create))
            {
                stream.Write(content);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
