using System.Collections.Immutable;
using System.Globalization;
using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Metrics;

/// <summary>
/// FreeBSD and DragonFly metrics from the text that <c>sysctl</c> and <c>swapinfo -k</c> print (no binary sysctl
/// structures are decoded). DragonFly reports swap as <c>vm.swap_size</c>/<c>vm.swap_anon_use</c> pages, the
/// counters dsynth's throttle uses; FreeBSD's swap comes from <c>swapinfo -k</c>.
/// </summary>
internal sealed class BsdSystemMetrics : ISystemMetrics
{
    /// <summary>The sysctl names queried on FreeBSD.</summary>
    public static readonly ImmutableArray<string> FreeBsdNames =
        ["vm.loadavg", "hw.pagesize", "hw.physmem", "vm.stats.vm.v_free_count", "vm.stats.vm.v_inactive_count"];

    /// <summary>The sysctl names queried on DragonFly.</summary>
    public static readonly ImmutableArray<string> DragonFlyNames =
        ["vm.loadavg", "hw.pagesize", "hw.physmem", "vm.stats.vm.v_free_count", "vm.stats.vm.v_inactive_count", "vm.stats.vm.v_cache_count", "vm.swap_size", "vm.swap_anon_use"];

    private static readonly ImmutableDictionary<string, string> s_env =
        ImmutableDictionary<string, string>.Empty.Add("PATH", "/sbin:/bin:/usr/sbin:/usr/bin").Add("LANG", "C");

    private readonly IProcessRunner _runner;
    private readonly bool _dragonFly;

    /// <summary>Creates a reader that runs <c>sysctl</c> (and <c>swapinfo</c> on FreeBSD) through <paramref name="runner"/>.</summary>
    public BsdSystemMetrics(IProcessRunner runner, bool dragonFly)
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _dragonFly = dragonFly;
    }

    /// <inheritdoc />
    public async ValueTask<SystemMetricsSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        var sysctl = await RunAsync("sysctl", [.. _dragonFly ? DragonFlyNames : FreeBsdNames], cancellationToken).ConfigureAwait(false);
        var swapinfo = _dragonFly ? null : await RunAsync("swapinfo", ["-k"], cancellationToken).ConfigureAwait(false);
        return Parse(sysctl, swapinfo);
    }

    /// <summary>Parses <c>sysctl name…</c> output (<c>name: value</c> lines) and, when given, <c>swapinfo -k</c> output.</summary>
    public static SystemMetricsSnapshot Parse(string sysctlOutput, string? swapinfoOutput)
    {
        ArgumentNullException.ThrowIfNull(sysctlOutput);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in sysctlOutput.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        string Raw(string name) => values.TryGetValue(name, out var v) ? v : throw new SystemMetricsException($"sysctl output has no {name} line");
        long Number(string name) => long.TryParse(Raw(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new SystemMetricsException($"sysctl {name}: '{Raw(name)}' is not a number");
        long Optional(string name) => values.ContainsKey(name) ? Number(name) : 0;

        // "{ 0.52 0.41 0.38 }"
        var loadText = Raw("vm.loadavg").Trim('{', '}', ' ');
        var first = loadText.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is null || !double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load1))
        {
            throw new SystemMetricsException($"sysctl vm.loadavg: cannot read '{Raw("vm.loadavg")}'");
        }

        var page = Number("hw.pagesize");
        var available = (Number("vm.stats.vm.v_free_count") + Number("vm.stats.vm.v_inactive_count") + Optional("vm.stats.vm.v_cache_count")) * page;
        long swapTotal, swapUsed;
        if (values.ContainsKey("vm.swap_size"))
        {
            swapTotal = Number("vm.swap_size") * page;
            swapUsed = Optional("vm.swap_anon_use") * page;
        }
        else
        {
            (swapTotal, swapUsed) = ParseSwapinfo(swapinfoOutput ?? string.Empty);
        }

        return new SystemMetricsSnapshot(load1, swapTotal, swapUsed, Number("hw.physmem"), available);
    }

    /// <summary>Sums the devices of <c>swapinfo -k</c> output (the Total line is skipped); bytes.</summary>
    public static (long TotalBytes, long UsedBytes) ParseSwapinfo(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long total = 0, used = 0;
        foreach (var line in output.Split('\n'))
        {
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 4 || f[0] == "Device" || f[0] == "Total")
            {
                continue;
            }

            if (long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var blocks) &&
                long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var u))
            {
                total += blocks * 1024;
                used += u * 1024;
            }
        }

        return (total, used);
    }

    private async Task<string> RunAsync(string program, string[] args, CancellationToken cancellationToken)
    {
        var sink = new CapturingOutputSink();
        var result = await _runner.RunAsync(new ProcessSpec(program, args) { Environment = s_env, Timeout = TimeSpan.FromSeconds(10) }, sink, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new SystemMetricsException($"'{program} {string.Join(' ', args)}' failed ({result.Outcome} {result.ExitCode}): {sink.StandardError}");
        }

        return string.Join('\n', sink.StandardOutputLines);
    }
}
