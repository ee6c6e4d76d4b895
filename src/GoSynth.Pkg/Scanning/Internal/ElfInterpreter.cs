using System.Buffers.Binary;
using System.Text;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// The program interpreter (the dynamic loader, <c>PT_INTERP</c>) an ELF executable names, read from its program
/// headers: the target view asks that loader for a program's libraries directly instead of through <c>ldd</c>.
/// </summary>
internal static class ElfInterpreter
{
    private const uint ProgramInterpreter = 3;

    /// <summary>The absolute path of the loader <paramref name="program"/> names, or null (not ELF, static, unreadable, not found).</summary>
    public static string? Of(string program)
    {
        try
        {
            using var file = File.OpenRead(program);
            Span<byte> ident = stackalloc byte[64];
            if (file.Read(ident) < 52 || ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
            {
                return null;
            }

            var is64 = ident[4] == 2;
            var little = ident[5] == 1;
            ulong U(ReadOnlySpan<byte> b, int at, int size) => size switch
            {
                2 => little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]),
                4 => little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]),
                _ => little ? BinaryPrimitives.ReadUInt64LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt64BigEndian(b[at..]),
            };

            var headers = (long)(is64 ? U(ident, 32, 8) : U(ident, 28, 4));
            var entrySize = (int)U(ident, is64 ? 54 : 42, 2);
            var count = (int)U(ident, is64 ? 56 : 44, 2);
            if (entrySize < (is64 ? 56 : 32) || count > 256)
            {
                return null;
            }

            var entry = new byte[entrySize];
            for (var i = 0; i < count; i++)
            {
                file.Position = headers + ((long)i * entrySize);
                file.ReadExactly(entry);
                if (U(entry, 0, 4) != ProgramInterpreter)
                {
                    continue;
                }

                var offset = (long)(is64 ? U(entry, 8, 8) : U(entry, 4, 4));
                var size = (int)Math.Min(is64 ? U(entry, 32, 8) : U(entry, 16, 4), 4096);
                var name = new byte[size];
                file.Position = offset;
                file.ReadExactly(name);
                var path = Encoding.UTF8.GetString(name).TrimEnd('\0');
                return Path.IsPathFullyQualified(path) && File.Exists(path) ? path : null;
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
