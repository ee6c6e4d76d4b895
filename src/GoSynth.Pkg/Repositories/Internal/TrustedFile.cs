using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using GoSynth.Environment.Files;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>Reading and writing the side-cache files of a catalog (<see cref="CatalogCache"/>, <see cref="CatalogFrameCache"/>):
/// a file is trusted only when it is a regular file (not a symbolic link) in a private directory, owned by that
/// directory's owner and not writable by group or others; a new one is written 0600 and renamed into place. Each file
/// starts with a magic line and ends with an XxHash64 of everything before it (<see cref="Seal"/>, <see cref="Open"/>).</summary>
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
        var temp = CreateTemporary(path, out var stream);
        try
        {
            using (stream)
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

    /// <summary>Creates the temporary file (mode 0600, <c>.new</c> after <paramref name="path"/>, a stale one replaced)
    /// that is renamed to <paramref name="path"/> once written, making the private directory when missing.</summary>
    /// <returns>The temporary file's path; the caller disposes <paramref name="stream"/> and deletes the file unless it
    /// was renamed.</returns>
    /// <exception cref="IOException">The directory is unsafe or the file cannot be created.</exception>
    public static string CreateTemporary(string path, out FileStream stream)
    {
        PrivateDirectory.Ensure(Path.GetDirectoryName(path)!);
        var temp = path + ".new";
        File.Delete(temp);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        stream = new FileStream(temp, create);
        return temp;
    }

    /// <summary>A buffer for a new file's content, starting with <paramref name="magic"/>; <see cref="Seal"/> ends it.</summary>
    public static MemoryStream Begin(ReadOnlySpan<byte> magic)
    {
        var buffer = new MemoryStream();
        buffer.Write(magic);
        return buffer;
    }

    /// <summary>Appends the checksum to <paramref name="buffer"/> and returns the whole content.</summary>
    public static ReadOnlySpan<byte> Seal(MemoryStream buffer)
    {
        Span<byte> sum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(sum, XxHash64.HashToUInt64(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Write(sum);
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
    }

    /// <summary>A reader of what lies between the magic and the checksum of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="magic">The magic it must start with.</param>
    /// <param name="what">What the file is, for the error (<c>a GoSynth catalog cache</c>).</param>
    /// <exception cref="InvalidDataException">It does not start with the magic or its checksum does not match.</exception>
    public static BinaryReader Open(byte[] bytes, ReadOnlySpan<byte> magic, string what)
    {
        if (bytes.Length < magic.Length + 8 || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            throw new InvalidDataException($"it is not {what}");
        }

        if (XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)) != BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8)))
        {
            throw new InvalidDataException("its checksum does not match (damaged or cut short)");
        }

        return new BinaryReader(new MemoryStream(bytes, magic.Length, bytes.Length - 8 - magic.Length, writable: false), Encoding.UTF8);
    }
}
