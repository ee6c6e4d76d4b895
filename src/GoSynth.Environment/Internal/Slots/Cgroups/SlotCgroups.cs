using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Internal.Slots.Cgroups;

/// <summary>
/// Finds where slot cgroups can live and creates them: a <c>gosynth</c> group with one child per slot. cgroup v2 is
/// used when its hierarchy holds the pids and memory controllers (the group goes at the top of the hierarchy, whose
/// <c>cgroup.subtree_control</c> must enable them); otherwise the v1 pids, memory and cpu hierarchies, each below
/// GoSynth's own group there (so limits a container puts on GoSynth still hold for its slots). Never assumes a layout:
/// what it cannot find or write is reported as the reason cgroups are unavailable.
/// </summary>
internal sealed class SlotCgroups
{
    private const string GroupName = "gosynth";
    private readonly bool _v2;
    private readonly IReadOnlyDictionary<string, string> _parents;

    private SlotCgroups(bool v2, IReadOnlyDictionary<string, string> parents)
    {
        _v2 = v2;
        _parents = parents;
    }

    /// <summary>"cgroup v2" or "cgroup v1 (pids, memory)": what is in use.</summary>
    public string Description => _v2 ? "cgroup v2" : $"cgroup v1 ({string.Join(", ", _parents.Keys)})";

    /// <summary>Detects a usable layout; null with the reason when there is none.</summary>
    public static SlotCgroups? Detect(out string reason, string mountInfo = "/proc/self/mountinfo", string ownGroups = "/proc/self/cgroup")
    {
        reason = string.Empty;
        if (!File.Exists(mountInfo) || !File.Exists(ownGroups))
        {
            reason = "this system has no /proc/self/cgroup";
            return null;
        }

        var mounts = File.ReadAllLines(mountInfo).Select(l => (Line: l, Type: l.Split(" - ", 2) is [_, var rest] ? rest.Split(' ')[0] : string.Empty)).ToList();
        var own = File.ReadAllLines(ownGroups).Select(l => l.Split(':', 3)).Where(f => f.Length == 3).ToList();

        var v2Mount = mounts.Where(m => m.Type == "cgroup2").Select(m => MountInfo.ParseLinux(m.Line)[0]).FirstOrDefault();
        if (v2Mount is not null && File.Exists(Path.Combine(v2Mount, "cgroup.controllers")))
        {
            var controllers = File.ReadAllText(Path.Combine(v2Mount, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (controllers.Contains("pids") && controllers.Contains("memory"))
            {
                try
                {
                    // pids and memory are required; cpu is best effort (it cannot be enabled while, e.g., a realtime
                    // process sits in the root group).
                    var parent = Path.Combine(v2Mount, GroupName);
                    Enable(v2Mount, controllers);
                    Directory.CreateDirectory(parent);
                    var delegated = File.ReadAllText(Path.Combine(parent, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (!delegated.Contains("pids") || !delegated.Contains("memory"))
                    {
                        reason = $"cgroup v2 at {v2Mount} does not pass the pids and memory controllers down to {parent}";
                        return null;
                    }

                    Enable(parent, delegated);
                    return new SlotCgroups(v2: true, new Dictionary<string, string> { ["unified"] = parent });
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    reason = $"cgroup v2 at {v2Mount} is not writable or does not delegate pids and memory ({e.Message})";
                    return null;
                }
            }
        }

        var parents = new Dictionary<string, string>();
        foreach (var controller in new[] { "pids", "memory", "cpu" })
        {
            var mount = mounts.FirstOrDefault(m => m.Type == "cgroup" && m.Line.Split(' ')[^1].Split(',').Contains(controller));
            var path = own.FirstOrDefault(f => f[1].Split(',').Contains(controller))?[2];
            if (mount.Line is null || path is null)
            {
                continue;
            }

            var parent = MountInfo.ParseLinux(mount.Line)[0] + path.TrimEnd('/') + "/" + GroupName;
            try
            {
                Directory.CreateDirectory(parent);
                parents[controller] = parent;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reason = $"cannot create {parent}: {e.Message}";
            }
        }

        if (!parents.ContainsKey("pids") || !parents.ContainsKey("memory"))
        {
            reason = reason.Length > 0 ? reason : "neither cgroup v2 with pids and memory nor cgroup v1 pids and memory hierarchies are mounted";
            return null;
        }

        return new SlotCgroups(v2: false, parents);
    }

    private static void Enable(string group, string[] available)
    {
        var subtree = Path.Combine(group, "cgroup.subtree_control");
        var enabled = File.ReadAllText(subtree).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var controller in new[] { "pids", "memory", "cpu" }.Where(c => available.Contains(c) && !enabled.Contains(c)))
        {
            try
            {
                File.WriteAllText(subtree, "+" + controller);
            }
            catch (IOException) when (controller == "cpu")
            {
                // Slots then run without a CPU quota.
            }
        }
    }

    /// <summary>The group of <paramref name="slotName"/> when it exists (a slot of an earlier run), without creating or changing it.</summary>
    public SlotCgroup? Existing(string slotName)
    {
        var dirs = _parents.ToDictionary(p => p.Key, p => Path.Combine(p.Value, slotName));
        return dirs.Values.Any(Directory.Exists) ? new SlotCgroup(_v2, dirs) : null;
    }

    /// <summary>Creates (or reuses) the group of slot <paramref name="slotName"/> with the limits of <paramref name="options"/>.</summary>
    /// <exception cref="SlotException">A group or limit could not be written.</exception>
    public SlotCgroup ForSlot(string slotName, SlotOptions options)
    {
        var dirs = new Dictionary<string, string>();
        try
        {
            foreach (var (controller, parent) in _parents)
            {
                var dir = Path.Combine(parent, slotName);
                Directory.CreateDirectory(dir);
                dirs[controller] = dir;
            }

            var group = new SlotCgroup(_v2, dirs);
            group.ApplyLimits(options);
            return group;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SlotException($"cannot set up the {Description} group of slot {slotName}: {e.Message}", e);
        }
    }
}
