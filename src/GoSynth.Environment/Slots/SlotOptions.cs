namespace GoSynth.Environment.Slots;

/// <summary>Where slots live and what they see. Paths are host paths; every directory except <see cref="CCacheDirectory"/> is required.</summary>
public sealed class SlotOptions
{
    /// <summary>The directory holding the slots <c>SL01</c>, <c>SL02</c>, … and by default the <c>Template</c> (dsynth's <c>Directory_buildbase</c>).</summary>
    public string BuildBase { get; set; } = "/build";

    /// <summary>The ports tree, mounted read-only at <c>/xports</c>.</summary>
    public string PortsDirectory { get; set; } = "/usr/ports";

    /// <summary>Distfiles, mounted read-write at <c>/distfiles</c>.</summary>
    public string DistfilesDirectory { get; set; } = "/usr/ports/distfiles";

    /// <summary>The package repository, mounted read-write at <c>/packages</c> (packages in <c>/packages/All</c>).</summary>
    public string PackagesDirectory { get; set; } = "/build/packages";

    /// <summary>Port options, mounted read-write at <c>/options</c>.</summary>
    public string OptionsDirectory { get; set; } = "/build/options";

    /// <summary>A ccache directory mounted read-write at <c>/ccache</c>; null for none.</summary>
    public string? CCacheDirectory { get; set; }

    /// <summary>The template copied into every slot (etc files, var/db, tmp, …); null means <c>&lt;BuildBase&gt;/Template</c>.</summary>
    public string? TemplateDirectory { get; set; }

    /// <summary>The system whose directories are mounted read-only into the slot (dsynth's <c>System_Path</c>).</summary>
    public string SystemRoot { get; set; } = "/";

    /// <summary>Size of the slot root tmpfs (mount syntax: <c>16g</c>, <c>512m</c>).</summary>
    public string RootSize { get; set; } = "16g";

    /// <summary>Size of the <c>/construction</c> tmpfs (WRKDIRPREFIX).</summary>
    public string ConstructionSize { get; set; } = "64g";

    /// <summary>Size of the <c>/usr/local</c> tmpfs.</summary>
    public string LocalBaseSize { get; set; } = "16g";

    /// <summary>The backend; <see cref="SlotBackend.Auto"/> picks one for the host.</summary>
    public SlotBackend Backend { get; set; } = SlotBackend.Auto;

    /// <summary>Linux: run commands without network (only a down loopback) unless the command asks for it (fetch phases).</summary>
    public bool IsolateNetwork { get; set; } = true;

    /// <summary>
    /// Linux with cgroups: the most processes and threads a slot may hold at once (cgroup <c>pids.max</c>); a fork bomb
    /// stops there instead of at the host's limit. Null for no limit.
    /// </summary>
    public int? ProcessLimit { get; set; } = 4096;

    /// <summary>Linux with cgroups: the memory a slot may use (mount syntax: <c>8g</c>), swap included; the kernel kills inside the slot past it. Null for no limit.</summary>
    public string? MemoryLimit { get; set; }

    /// <summary>Linux with cgroups: the CPU time a slot may use, in cores (<c>1.5</c>: one and a half cores' worth). Null for no limit.</summary>
    public double? CpuLimit { get; set; }

    /// <summary>How often a busy unmount is tried before teardown gives up and reports the mount.</summary>
    public int UnmountAttempts { get; set; } = 5;

    /// <summary>The pause between unmount attempts.</summary>
    public TimeSpan UnmountRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The template directory in effect.</summary>
    public string EffectiveTemplateDirectory => TemplateDirectory ?? Path.Combine(BuildBase, "Template");

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        static void Absolute(string? value, string name)
        {
            if (string.IsNullOrEmpty(value) || !Path.IsPathFullyQualified(value))
            {
                throw new ArgumentException($"SlotOptions.{name} must be an absolute path (got '{value}')", name);
            }
        }

        Absolute(BuildBase, nameof(BuildBase));
        Absolute(PortsDirectory, nameof(PortsDirectory));
        Absolute(DistfilesDirectory, nameof(DistfilesDirectory));
        Absolute(PackagesDirectory, nameof(PackagesDirectory));
        Absolute(OptionsDirectory, nameof(OptionsDirectory));
        Absolute(SystemRoot, nameof(SystemRoot));
        if (CCacheDirectory is not null)
        {
            Absolute(CCacheDirectory, nameof(CCacheDirectory));
        }

        if (TemplateDirectory is not null)
        {
            Absolute(TemplateDirectory, nameof(TemplateDirectory));
        }

        if (Path.TrimEndingDirectorySeparator(Path.GetFullPath(BuildBase)) == "/")
        {
            throw new ArgumentException("SlotOptions.BuildBase must not be '/'", nameof(BuildBase));
        }

        if (TemplateDirectory is not null)
        {
            ValidateTemplate();
        }

        foreach (var (size, name) in new[] { (RootSize, nameof(RootSize)), (ConstructionSize, nameof(ConstructionSize)), (LocalBaseSize, nameof(LocalBaseSize)) })
        {
            if (string.IsNullOrEmpty(size) || !System.Text.RegularExpressions.Regex.IsMatch(size, "^[0-9]+[kmgKMG]?$"))
            {
                throw new ArgumentException($"SlotOptions.{name} '{size}' is not a size such as 512m or 16g", name);
            }
        }

        if (ProcessLimit is < 1)
        {
            throw new ArgumentException($"SlotOptions.ProcessLimit must be at least 1 (got {ProcessLimit})", nameof(ProcessLimit));
        }

        if (MemoryLimit is not null && (!System.Text.RegularExpressions.Regex.IsMatch(MemoryLimit, "^[0-9]+[kmgKMG]?$") || ParseSize(MemoryLimit) < 1 << 20))
        {
            throw new ArgumentException($"SlotOptions.MemoryLimit '{MemoryLimit}' is not a size of at least 1m such as 512m or 8g", nameof(MemoryLimit));
        }

        if (CpuLimit is { } cpu && (double.IsNaN(cpu) || cpu < 0.01))
        {
            throw new ArgumentException($"SlotOptions.CpuLimit must be at least 0.01 cores (got {cpu})", nameof(CpuLimit));
        }

        if (UnmountAttempts < 1)
        {
            throw new ArgumentException("SlotOptions.UnmountAttempts must be at least 1", nameof(UnmountAttempts));
        }
    }

    private void ValidateTemplate()
    {
        static string Full(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
        static bool AtOrBelow(string path, string dir) => path == dir || path.StartsWith(dir == "/" ? "/" : dir + "/", StringComparison.Ordinal);
        var template = Full(TemplateDirectory!);
        var buildBase = Full(BuildBase);

        // The template is emptied when it is (re)created: it must not hold anything a run needs.
        if (AtOrBelow(buildBase, template))
        {
            throw new ArgumentException($"SlotOptions.TemplateDirectory '{TemplateDirectory}' is the build base or contains it; recreating the template would delete the slots. Use a directory of its own such as <BuildBase>/Template", nameof(TemplateDirectory));
        }

        var rest = template.StartsWith(buildBase + "/", StringComparison.Ordinal) ? template[(buildBase.Length + 1)..] : null;
        if (rest is not null && Internal.Slots.SlotNaming.IsSlotName(rest.Split('/')[0]))
        {
            throw new ArgumentException($"SlotOptions.TemplateDirectory '{TemplateDirectory}' is inside a slot directory of the build base; use a directory of its own such as <BuildBase>/Template", nameof(TemplateDirectory));
        }

        foreach (var (dir, name) in new[] { (PortsDirectory, nameof(PortsDirectory)), (DistfilesDirectory, nameof(DistfilesDirectory)), (PackagesDirectory, nameof(PackagesDirectory)), (OptionsDirectory, nameof(OptionsDirectory)), (CCacheDirectory, nameof(CCacheDirectory)), (SystemRoot, nameof(SystemRoot)) })
        {
            if (dir is not null && AtOrBelow(Full(dir), template))
            {
                throw new ArgumentException($"SlotOptions.TemplateDirectory '{TemplateDirectory}' is or contains {name} '{dir}'; recreating the template would delete it", nameof(TemplateDirectory));
            }
        }
    }

    /// <summary>Bytes of a size in mount syntax (<c>512m</c>, <c>16g</c>; no suffix means bytes).</summary>
    internal static long ParseSize(string size)
    {
        var unit = char.ToLowerInvariant(size[^1]) switch
        {
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            _ => 1L,
        };
        var digits = unit == 1 ? size : size[..^1];
        return checked(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) * unit);
    }

    /// <summary>A copy of these options.</summary>
    public SlotOptions Clone() => (SlotOptions)MemberwiseClone();
}
