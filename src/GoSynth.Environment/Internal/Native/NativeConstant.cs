namespace GoSynth.Environment.Internal.Native;

/// <summary>
/// One value GoSynth passes to (or reads from) the C library that differs between operating systems, with the header
/// each value is defined in. A null value means it was not taken from that system's headers: using it there throws.
/// </summary>
/// <param name="Name">The C expression (<c>O_CLOEXEC</c>, <c>offsetof(struct statx, stx_mnt_id)</c>); the table test compiles it.</param>
/// <param name="Header">The header that defines it on every system listed (<c>fcntl.h</c>).</param>
/// <param name="Linux">The value in glibc's headers (Linux, every architecture .NET runs on).</param>
/// <param name="FreeBsd">The value in FreeBSD's headers.</param>
/// <param name="DragonFly">The value in DragonFly's headers.</param>
internal sealed record NativeConstant(string Name, string Header, long? Linux, long? FreeBsd, long? DragonFly)
{
    /// <summary>The value for <paramref name="os"/>; throws when the table has none for it.</summary>
    public long For(NativeOs os) =>
        (os switch
        {
            NativeOs.Linux => Linux,
            NativeOs.FreeBsd => FreeBsd,
            NativeOs.DragonFly => DragonFly,
            _ => null,
        }) ?? throw new PlatformNotSupportedException(
            $"GoSynth has no value of {Name} (<{Header}>) for {os}; add it to NativeConstants from that system's <{Header}>");

    /// <summary>The value for the running system, as an <see cref="int"/>.</summary>
    public int Int => checked((int)For(NativeConstants.Os));
}
