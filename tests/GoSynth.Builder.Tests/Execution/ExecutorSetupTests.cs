using GoSynth.Builder.Execution;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Profiles;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

/// <summary>Setting the pool up from the builder's configuration: the template, slots a killed run left, teardown.</summary>
[Collection(nameof(LocalSlotExecutorTests))]
public sealed class ExecutorSetupTests
{
    [Fact]
    public async Task Create_FromBuilderOptions_CleansStaleSlotsCreatesTheTemplateBuildsAndTearsDown()
    {
        ExecutorTestBed.RequireRoot();
        var ct = TestContext.Current.CancellationToken;
        await using var bed = new ExecutorTestBed();
        File.Delete(bed.Combine("Template", SlotTemplate.GoodMarker));
        await bed.AddPortAsync("misc/hello");
        var graph = new GraphBuilder().Port("misc/hello").Build();

        // A slot a killed run left mounted: SL02, which this run (one slot) would never set up itself.
        var stale = SlotEnvironment.Create(bed.SlotOptions).CreateSlot(2);
        await stale.SetupAsync(ct);
        Assert.NotEmpty(ExecutorTestBed.MountsUnder(stale.Root));

        var executor = LocalSlotExecutor.Create(bed.Options, executorOptions: new LocalSlotExecutorOptions
        {
            SlotCount = 1,
            Profile = TargetProfile.FreeBsd("14.2", "amd64"),
            WorkDirectory = bed.Combine("work"),
        });
        await using (executor)
        {
            await executor.InitializeAsync(ct);

            Assert.Empty(ExecutorTestBed.MountsUnder(stale.Root));
            Assert.False(Directory.Exists(stale.Root));
            Assert.True(SlotTemplate.IsComplete(bed.Combine("Template")));
            Assert.Equal(1, executor.SlotCount);
            Assert.Contains("MAKE_JOBS_NUMBER=3", executor.MakeConf.Split('\n'));
            Assert.Equal("/gosynth/mk", executor.MakeEnvironment["MAKESYSPATH"]);

            var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/hello"), ct);
            Assert.True(outcome.Succeeded, outcome.Message + "\n" + outcome.LogExcerpt);
            Assert.Equal(executor.MakeConf, File.ReadAllText(Path.Combine(executor.GetSlot(0).Root, "etc", "make.conf")));
        }

        Assert.Empty(ExecutorTestBed.MountsUnder(bed.BuildBase));
        Assert.False(Directory.Exists(bed.Combine("SL01")));
    }
}
