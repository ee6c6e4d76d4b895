using System.Runtime.InteropServices;

namespace GoSynth.Environment.Internal;

/// <summary>
/// <c>lstat(2)</c> through the .NET runtime's own native shim (<c>libSystem.Native</c>, the same call
/// <see cref="FileSystemInfo"/> makes): its result record is one layout on every Unix the runtime supports, unlike
/// libc's <c>struct stat</c>, which differs between Linux, FreeBSD and DragonFly and between architectures. Only the
/// leading fields are read (flags, mode, uid), which have kept their offsets in every release of the shim; the
/// buffer is larger than the whole record so a field added at its end cannot overrun it.
/// </summary>
internal static unsafe partial class NativeFileStatus
{
    private const int BufferSize = 512;
    private const int ModeOffset = 4;
    private const int UidOffset = 8;

    /// <summary>File type bits of a mode (<c>S_IFMT</c>), the same on Linux and the BSDs.</summary>
    public const int TypeMask = 0xF000;

    /// <summary>A directory (<c>S_IFDIR</c>).</summary>
    public const int Directory = 0x4000;

    /// <summary>A symbolic link (<c>S_IFLNK</c>).</summary>
    public const int SymbolicLink = 0xA000;

    /// <summary>The status of <paramref name="path"/> itself (a symbolic link is not followed); null when it does not exist.</summary>
    /// <exception cref="IOException">lstat failed for another reason than a missing file.</exception>
    public static (int Mode, uint Uid)? LStat(string path)
    {
        var buffer = stackalloc byte[BufferSize];
        new Span<byte>(buffer, BufferSize).Clear();
        if (SystemNativeLStat(path, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.ENOENT)
            {
                return null;
            }

            throw new IOException($"cannot read the status of '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return (*(int*)(buffer + ModeOffset), *(uint*)(buffer + UidOffset));
    }

    /// <summary>The effective user id of this process.</summary>
    public static uint EffectiveUserId => LibC.geteuid();

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SystemNativeLStat(string path, byte* output);
}
