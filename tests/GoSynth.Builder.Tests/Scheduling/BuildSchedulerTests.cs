using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Scheduling;

public sealed class BuildSchedulerTests
{
    [Fact]
    public async Task RunAsync_RandomGraph_EveryPortBuiltOnceAfterItsDependencies()
    {
        var (problem, plan) = SchedulerFixtures.RandomPlan(3, 120);
        var executor = new CountingExecutor();
        var scheduler = new BuildScheduler(executor, new SchedulerOptions { Builders = 4 });

        var results = await scheduler.RunAsync(problem, TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(PortRunStatus.Succeeded, r.Status));
        var order = executor.Requests.Select(r => r.Node).ToList();
        Assert.Equal(problem.Count, order.Select(n => n.Id).Distinct().Count());
        Assert.Equal("ports-mgmt/pkg", order[0].Id.ToString());
        Assert.InRange(executor.Peak, 2, 4);
    }

    [Fact]
    public async Task RunAsync_InstallClosure_DependenciesBeforeDependents()
    {
        var (problem, _) = SchedulerFixtures.RandomPlan(5, 60);
        var executor = new CountingExecutor();

        await new BuildScheduler(executor, new SchedulerOptions { Builders = 3 }).RunAsync(problem, TestContext.Current.CancellationToken);

        foreach (var request in executor.Requests)
        {
            Assert.Equal(request.Node.Graph.GetInstallClosure(request.Node), request.InstallClosure);
            Assert.InRange(request.Slot, 0, 2);
        }
    }

    [Fact]
    public async Task RunAsync_Failure_SkipsExactlyTheDependentsNamingTheCulprit()
    {
        var (problem, plan) = SchedulerFixtures.RandomPlan(11, 100);
        var culprit = "cat/p0003";
        var executor = new CountingExecutor(new HashSet<string> { culprit });

        var results = await new BuildScheduler(executor, new SchedulerOptions { Builders = 4 }).RunAsync(problem, TestContext.Current.CancellationToken);

        var node = plan.Graph[PlanFixtureIds.Id(culprit)];
        var dependents = node.Graph.GetTransitiveDependents(node).Select(n => n.Id.ToString()).ToHashSet();
        Assert.NotEmpty(dependents);
        Assert.Equal(dependents.Order(), results.Where(r => r.Status == PortRunStatus.Skipped).Select(r => r.Port).Order());
        Assert.All(results.Where(r => r.Status == PortRunStatus.Skipped), r => Assert.Equal(culprit, r.Culprit));
        Assert.Equal("build: exit 1", results.Single(r => r.Port == culprit).Reason);
        Assert.DoesNotContain(executor.Requests, r => dependents.Contains(r.Node.Id.ToString()));
    }

    [Fact]
    public async Task RunAsync_WorkerLimit_NeverExceeded()
    {
        var (problem, _) = SchedulerFixtures.RandomPlan(8, 150);
        var executor = new CountingExecutor();
        var limit = new FixedWorkerLimit(2);
        var scheduler = new BuildScheduler(executor, new SchedulerOptions { Builders = 6 }, limit);

        var results = await scheduler.RunAsync(problem, TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(PortRunStatus.Succeeded, r.Status));
        Assert.InRange(executor.Peak, 1, 2);
        Assert.InRange(scheduler.PeakRunning, 1, 2);
        Assert.True(limit.Calls > 0);
    }

    [Fact]
    public async Task RunAsync_CpuBudget_BuildersTimesJobsNeverAboveTotal()
    {
        var (problem, _) = SchedulerFixtures.RandomPlan(9, 150);
        var executor = new CountingExecutor();
        var options = new SchedulerOptions { Builders = 8, MaxJobsPerBuilder = 4, MaxJobsTotal = 12 };

        await new BuildScheduler(executor, options).RunAsync(problem, TestContext.Current.CancellationToken);

        Assert.Equal(3, options.EffectiveBuilders);
        Assert.InRange(executor.Peak * options.MaxJobsPerBuilder, 1, 12);
    }

    [Fact]
    public async Task RunAsync_SameInputsAsSimulation_MakesTheSameChoices()
    {
        foreach (var policy in Enum.GetValues<SchedulingPolicy>())
        {
            var (problem, _) = SchedulerFixtures.RandomPlan(21, 80);
            var sim = ScheduleSimulator.Simulate(problem, problem.ExpectedSeconds, 3, policy, failing: null, recordTrace: true);
            var executor = new ControlledExecutor();
            var run = new BuildScheduler(executor, new SchedulerOptions { Builders = 3, Policy = policy }).RunAsync(problem, TestContext.Current.CancellationToken);

            var starts = 0;
            foreach (var step in sim.Events)
            {
                var port = step[(step.IndexOf(' ', StringComparison.Ordinal) + 1)..];
                if (step.StartsWith("start ", StringComparison.Ordinal))
                {
                    starts++;
                    await WaitForAsync(() => executor.StartedCount >= starts);
                    Assert.Equal(port, executor.Started[starts - 1]);
                }
                else
                {
                    executor.Finish(port);
                }
            }

            await run;
            Assert.Equal(sim.Starts.Count, executor.StartedCount);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the scheduler did not start the port the simulation started");
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }
}

internal static class PlanFixtureIds
{
    public static GoSynth.Pkg.Ports.PortId Id(string id) => GoSynth.Pkg.Ports.PortId.TryParse(id, out var p) ? p.Value : throw new ArgumentException(id);
}
