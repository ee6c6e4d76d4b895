namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// The legacy <c>arch</c> string pkg derives from an ABI whenever it writes a manifest: the OS in lower case, the
/// version as is, and the machine architecture spelled as pkg's ELF-era names (<c>amd64</c> → <c>x86:64</c>,
/// <c>aarch64</c> → <c>aarch64:64</c>, …); anything else (e.g. <c>*</c>) is kept.
/// </summary>
internal static class LegacyArch
{
    private static readonly Dictionary<string, string> s_machines = new(StringComparer.Ordinal)
    {
        ["i386"] = "x86:32",
        ["amd64"] = "x86:64",
        ["powerpc"] = "powerpc:32:eb",
        ["powerpc64"] = "powerpc:64:eb",
        ["powerpc64le"] = "powerpc:64:el",
        ["sparc64"] = "sparc64:64",
        ["ia64"] = "ia64:64",
        ["armv6"] = "armv6:32:el:eabi:hardfp",
        ["armv7"] = "armv7:32:el:eabi:hardfp",
        ["aarch64"] = "aarch64:64",
        ["aarch64c"] = "aarch64:64:cheri",
        ["mipsel"] = "mips:32:el:o32",
        ["mipsn32el"] = "mips:32:el:n32",
        ["mips"] = "mips:32:eb:o32",
        ["mipsn32"] = "mips:32:eb:n32",
        ["mips64el"] = "mips:64:el:n64",
        ["mips64"] = "mips:64:eb:n64",
        ["riscv32"] = "riscv:32:hf",
        ["riscv32sf"] = "riscv:32:sf",
        ["riscv64"] = "riscv:64:hf",
        ["riscv64sf"] = "riscv:64:sf",
    };

    public static string From(string abi)
    {
        var first = abi.IndexOf(':', StringComparison.Ordinal);
        if (first < 0)
        {
            return abi.ToLowerInvariant();
        }

        var second = abi.IndexOf(':', first + 1);
        if (second < 0)
        {
            return abi[..first].ToLowerInvariant() + abi[first..];
        }

        var machine = abi[(second + 1)..];
        return abi[..first].ToLowerInvariant() + abi[first..(second + 1)] + s_machines.GetValueOrDefault(machine, machine);
    }
}
