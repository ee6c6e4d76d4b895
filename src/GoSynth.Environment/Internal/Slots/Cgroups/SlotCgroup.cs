using System.Globalization;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Internal.Slots.Cgroups;

/// <summary>One slot's cgroup (one directory under v2, one per hierarchy under v1): limits, the counters that say which limit was hit, kill and removal.</summary>
internal sealed class SlotCgroup
{
    private const long CpuPeriodMicroseconds = 100_000;
    private readonly bool _v2;
    private readonly IReadOnlyDictionary<string, string> _dirs;

    public SlotCgroup(bool v2, IReadOnlyDictionary<string, string> dirs)
    {
        _v2 = v2;
        _dirs = dirs;
    }

    /// <summary>The <c>cgroup.procs</c> files a command writes itself into.</summary>
    public IReadOnlyList<string> ProcsFiles => [.. _dirs.Values.Distinct().Select(d => Path.Combine(d, "cgroup.procs"))];

    private string? Dir(string controller) => _v2 ? _dirs.Values.FirstOrDefault() : _dirs.GetValueOrDefault(controller);

    public void ApplyLimits(SlotOptions options)
    {
        if (Dir("pids") is { } pids)
        {
            Write(pids, "pids.max", options.ProcessLimit is { } max ? max.ToString(CultureInfo.InvariantCulture) : "max");
        }

        if (Dir("memory") is { } memory)
        {
            var bytes = options.MemoryLimit is { } m ? SlotOptions.ParseSize(m).ToString(CultureInfo.InvariantCulture) : null;
            if (_v2)
            {
                Write(memory, "memory.max", bytes ?? "max");
                WriteIfExists(memory, "memory.swap.max", bytes is null ? "max" : "0");
            }
            else
            {
                // memsw (memory + swap) must stay at least the memory limit: lift it first, then set both.
                WriteIfExists(memory, "memory.memsw.limit_in_bytes", "-1");
                Write(memory, "memory.limit_in_bytes", bytes ?? "-1");
                WriteIfExists(memory, "memory.memsw.limit_in_bytes", bytes ?? "-1");
            }
        }

        if (Dir("cpu") is { } cpu)
        {
            var quota = options.CpuLimit is { } cores ? (long)Math.Ceiling(cores * CpuPeriodMicroseconds) : -1;
            if (_v2)
            {
                WriteIfExists(cpu, "cpu.max", (quota < 0 ? "max" : quota.ToString(CultureInfo.InvariantCulture)) + " " + CpuPeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                WriteIfExists(cpu, "cpu.cfs_period_us", CpuPeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
                WriteIfExists(cpu, "cpu.cfs_quota_us", quota.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>How often each limit has been hit so far (pids.events <c>max</c>; memory.events or memory.oom_control <c>oom_kill</c>).</summary>
    public (long PidsMax, long OomKills) ReadCounters() =>
        (Counter(Dir("pids"), "pids.events", "max"), Counter(Dir("memory"), _v2 ? "memory.events" : "memory.oom_control", "oom_kill"));

    /// <summary>Which limits were hit since <paramref name="before"/>.</summary>
    public ResourceLimits ReachedSince((long PidsMax, long OomKills) before)
    {
        var now = ReadCounters();
        return (now.PidsMax > before.PidsMax ? ResourceLimits.Processes : ResourceLimits.None) |
               (now.OomKills > before.OomKills ? ResourceLimits.Memory : ResourceLimits.None);
    }

    /// <summary>Kills every process in the group (cgroup.kill where the kernel has it, else SIGKILL to each member until none is left).</summary>
    public void KillAll()
    {
        if (_v2 && Dir("pids") is { } dir && File.Exists(Path.Combine(dir, "cgroup.kill")))
        {
            TryWrite(dir, "cgroup.kill", "1");
        }

        for (var round = 0; round < 50; round++)
        {
            var members = Members();
            if (members.Count == 0)
            {
                return;
            }

            foreach (var pid in members)
            {
                LibC.kill(pid, LibC.SIGKILL);
            }
        }
    }

    /// <summary>Kills the members and removes the group's directories (waiting briefly for dying processes to leave).</summary>
    public async Task RemoveAsync(TimeProvider timeProvider)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            KillAll();
            var left = 0;
            foreach (var dir in _dirs.Values.Distinct())
            {
                try
                {
                    if (Directory.Exists(dir))
                    {
                        Directory.Delete(dir);
                    }
                }
                catch (IOException)
                {
                    left++;
                }
            }

            if (left == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), timeProvider).ConfigureAwait(false);
        }
    }

    /// <summary>True when no process is left in the group (a killed process leaves it when it has exited).</summary>
    public bool IsEmpty => Members().Count == 0;

    /// <summary>Whether every directory of the group is still there.</summary>
    public bool Exists => _dirs.Values.All(Directory.Exists);

    /// <summary>The pids in the group now.</summary>
    public IReadOnlyList<int> MemberPids() => Members();

    private List<int> Members()
    {
        var pids = new List<int>();
        foreach (var file in ProcsFiles)
        {
            try
            {
                foreach (var line in File.ReadAllLines(file))
                {
                    if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    {
                        pids.Add(pid);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The group is gone.
            }
        }

        return pids;
    }

    private static long Counter(string? dir, string file, string key)
    {
        if (dir is null)
        {
            return 0;
        }

        try
        {
            foreach (var line in File.ReadLines(Path.Combine(dir, file)))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length == 2 && f[0] == key && long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Counter not available on this kernel.
        }

        return 0;
    }

    private static void Write(string dir, string file, string value) => File.WriteAllText(Path.Combine(dir, file), value);

    private static void WriteIfExists(string dir, string file, string value)
    {
        if (File.Exists(Path.Combine(dir, file)))
        {
            Write(dir, file, value);
        }
    }

    private static void TryWrite(string dir, string file, string value)
    {
        try
        {
            Write(dir, file, value);
        }
        catch (IOException)
        {
            // Already empty or removed.
        }
    }
}
