using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// The job of the build benchmarks: in process (they need root and run for minutes; a generated out-of-process
/// project may not even build within BenchmarkDotNet's timeout on a loaded machine), one launch, no warm-up beyond
/// the jitting invocation, and few iterations; run them without <c>--inProcess</c>, which would add a default job.
/// </summary>
internal sealed class BuildJobConfig : ManualConfig
{
    public BuildJobConfig() => AddJob(Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(0)
        .WithIterationCount(3)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("build"));
}
