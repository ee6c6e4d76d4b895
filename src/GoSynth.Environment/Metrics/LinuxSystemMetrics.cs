using System.Globalization;

namespace GoSynth.Environment.Metrics;

/// <summary>Linux metrics from <c>/proc/loadavg</c> and <c>/proc/meminfo</c>.</summary>
internal sealed class LinuxSystemMetrics : ISystemMetrics
{
    private readonly string _procRoot;

    /// <summary>Creates a reader of <paramref name="procRoot"/> (normally <c>/proc</c>).</summary>
    public LinuxSystemMetrics(string procRoot = "/proc")
    {
        _procRoot = procRoot;
    }

    /// <inheritdoc />
    public async ValueTask<SystemMetricsSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        string loadavg, meminfo;
        try
        {
            loadavg = await File.ReadAllTextAsync(Path.Combine(_procRoot, "loadavg"), cancellationToken).ConfigureAwait(false);
            meminfo = await File.ReadAllTextAsync(Path.Combine(_procRoot, "meminfo"), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new SystemMetricsException($"cannot read {_procRoot}/loadavg or meminfo: {e.Message}", e);
        }

        return Parse(loadavg, meminfo);
    }

    /// <summary>Parses the text of <c>/proc/loadavg</c> and <c>/proc/meminfo</c>.</summary>
    public static SystemMetricsSnapshot Parse(string loadavg, string meminfo)
    {
        ArgumentNullException.ThrowIfNull(loadavg);
        ArgumentNullException.ThrowIfNull(meminfo);
        var first = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is null || !double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load1))
        {
            throw new SystemMetricsException($"/proc/loadavg: cannot read a load average from '{loadavg.Trim()}'");
        }

        var kib = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in meminfo.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            if (long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                kib[line[..colon]] = n;
            }
        }

        long Get(string key) => kib.TryGetValue(key, out var v) ? v * 1024 : throw new SystemMetricsException($"/proc/meminfo: no {key} line");
        var total = Get("MemTotal");

        // MemAvailable exists since Linux 3.14; older kernels get free + buffers + cached.
        var available = kib.ContainsKey("MemAvailable") ? Get("MemAvailable") : Get("MemFree") + Get("Buffers") + Get("Cached");
        var swapTotal = kib.TryGetValue("SwapTotal", out var st) ? st * 1024 : 0;
        var swapFree = kib.TryGetValue("SwapFree", out var sf) ? sf * 1024 : swapTotal;
        return new SystemMetricsSnapshot(load1, swapTotal, swapTotal - swapFree, total, available);
    }
}
