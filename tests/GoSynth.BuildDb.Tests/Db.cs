using GoSynth.Testing;
using Microsoft.Extensions.Logging;

namespace GoSynth.BuildDb.Tests;

/// <summary>Helpers to open test databases.</summary>
internal static class Db
{
    public static BuildDbOptions Fast => new() { Durability = Durability.None };

    public static string PathIn(TempDirectory dir) => dir.Combine("builds", "gosynth.db");

    public static Task<BuildDatabase> OpenAsync(string path, ILoggerFactory? logs = null, TimeProvider? time = null, BuildDbOptions? options = null) =>
        BuildDatabase.OpenAsync(path, options ?? Fast, logs, time, TestContext.Current.CancellationToken);

    public static Task<BuildDatabase> ReadAsync(string path, ILoggerFactory? logs = null) =>
        BuildDatabase.OpenReadOnlyAsync(path, Fast, logs, null, TestContext.Current.CancellationToken);

    /// <summary>Writes a small history: two finished runs with every kind of attempt. Returns the run ids.</summary>
    public static async Task<long[]> SeedAsync(BuildDatabase db, int attemptsPerRun = 6)
    {
        var ct = TestContext.Current.CancellationToken;
        var runs = new List<long>();
        for (var r = 0; r < 2; r++)
        {
            var run = await db.StartRunAsync("default", ct);
            runs.Add(run.Id);
            for (var i = 0; i < attemptsPerRun; i++)
            {
                var node = $"cat{i % 3}/port{i}";
                if (i % 2 == 0)
                {
                    var a = await db.StartAttemptAsync(run.Id, node, $"1.{r}", i % 4, ct);
                    await db.FinishAttemptAsync(a.Id, new AttemptResult(i % 4 == 0 ? AttemptStatus.Success : AttemptStatus.Failed)
                    {
                        PackageFile = $"port{i}-1.{r}.pkg",
                        Reason = i % 4 == 0 ? null : "build failed",
                        LastPhase = "build",
                        Fingerprint = (uint)(i * 1000 + r),
                        FailureExcerpt = i % 4 == 0 ? null : "error: boom",
                    }, ct);
                }
                else
                {
                    await db.RecordAttemptAsync(run.Id, new AttemptRecord(node, $"1.{r}", i % 3 == 0 ? AttemptStatus.Skipped : AttemptStatus.UpToDate)
                    {
                        Reason = "dependency failed",
                    }, ct);
                }
            }

            await db.FinishRunAsync(run.Id, RunOutcome.Completed, ct);
        }

        return [.. runs];
    }
}
