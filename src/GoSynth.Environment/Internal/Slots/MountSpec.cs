namespace GoSynth.Environment.Internal.Slots;

/// <summary>One mount of a slot.</summary>
/// <param name="Kind">The filesystem.</param>
/// <param name="Target">The mount point as seen inside the slot (<c>/</c> is the slot root).</param>
/// <param name="Source">The host source for binds and device nodes.</param>
/// <param name="ReadOnly">Mounted read-only.</param>
/// <param name="Size">The tmpfs size cap (<c>16g</c>).</param>
/// <param name="Mode">The octal mode of a tmpfs root directory.</param>
internal sealed record MountSpec(MountKind Kind, string Target, string? Source = null, bool ReadOnly = false, string? Size = null, string Mode = "0755")
{
    /// <summary>The host mount point below <paramref name="root"/>.</summary>
    public string HostTarget(string root) => Target == "/" ? root : root + Target;
}
