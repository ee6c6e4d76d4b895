using BenchmarkDotNet.Running;
using GoSynth.Benchmarks.Builder;
using GoSynth.Benchmarks.Cli;

if (args.Length > 0 && args[0] == "scheduler-quality")
{
    return await SchedulerQualityReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "cli-start")
{
    return await CliStartReport.RunAsync(args[1..]);
}

if (args.Length > 1 && args[0] == "scan-warm-report")
{
    return await GoSynth.Benchmarks.Scanning.WarmScanReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "catalog-frames")
{
    return await GoSynth.Benchmarks.Packages.CatalogFramesReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "web-load")
{
    return await GoSynth.Benchmarks.Web.WebLoadReport.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point type, named so BenchmarkSwitcher can find the assembly.</summary>
internal sealed partial class Program;
