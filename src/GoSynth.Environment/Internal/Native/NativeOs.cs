namespace GoSynth.Environment.Internal.Native;

/// <summary>The systems whose C headers <see cref="NativeConstants"/> carries values from.</summary>
internal enum NativeOs
{
    /// <summary>A system GoSynth has no native values for (Windows, macOS, …).</summary>
    Other,

    /// <summary>Linux with glibc.</summary>
    Linux,

    /// <summary>FreeBSD.</summary>
    FreeBsd,

    /// <summary>DragonFly BSD.</summary>
    DragonFly,
}
