using System.Globalization;
using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Lane", "Slow")]
    public async Task SigKill_ChildWritingRecords50Times_EveryAcknowledgedRecordSurvivesAndNoInvalidRecordIsReturned()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        var random = new Random(20261125);
        Durability[] modes = [Durability.Always, Durability.Batched, Durability.None];
        var acknowledged = 0;
        var awaited = 0;
        for (var i = 0; i < 50; i++)
        {
            using var child = FaultChild.Start(path, modes[i % modes.Length], seed: i);
            await child.WaitForLineAsync("ready", Ct);

            // A random moment while it writes: after a random number of acknowledgements, plus a random delay.
            var wait = random.Next(0, 40);
            awaited += wait + 2;
            await child.WaitForLinesAsync(wait + 2, Ct);
            await Task.Delay(random.Next(0, 15), Ct);
            await child.KillAsync();
            var lines = child.Lines;
            acknowledged += lines.Count;

            if (i % 5 == 0)
            {
                // A reader of the unrepaired file sees only valid records, and changes nothing.
                await using var reader = await Db.ReadAsync(path);
                Assert.False(reader.OpenReport.HasLoss);
                CheckEveryAttemptIsValid(reader);
                CheckAcknowledged(reader, lines, repaired: false);
            }

            await using var db = await Db.OpenAsync(path);
            Assert.False(db.OpenReport.HasLoss, string.Join("; ", db.OpenReport.Damage.Select(d => d.Detail)));
            Assert.Contains($"pid {child.Pid}", db.OpenReport.StaleLockHolder, StringComparison.Ordinal);
            CheckEveryAttemptIsValid(db);
            CheckAcknowledged(db, lines, repaired: true);
        }

        Assert.True(acknowledged >= awaited, $"only {acknowledged} acknowledgements in 50 runs: the children stopped writing early");
    }

    private static void CheckAcknowledged(BuildDatabase db, IReadOnlyList<string> lines, bool repaired)
    {
        foreach (var line in lines)
        {
            var f = line.Split(' ');
            switch (f[0])
            {
                case "R":
                    var run = db.GetRun(long.Parse(f[1], CultureInfo.InvariantCulture));
                    Assert.NotNull(run);
                    Assert.Equal(repaired ? RunOutcome.Aborted : RunOutcome.Running, run.Outcome);
                    break;
                case "S":
                    var started = db.GetAttempt(long.Parse(f[1], CultureInfo.InvariantCulture));
                    Assert.NotNull(started);
                    Assert.Equal(f[2], started.Node);
                    Assert.NotEqual(repaired ? AttemptStatus.Running : AttemptStatus.Interrupted, started.Status);
                    break;
                case "F":
                    var finished = db.GetAttempt(long.Parse(f[1], CultureInfo.InvariantCulture));
                    Assert.NotNull(finished);
                    Assert.Equal(Enum.Parse<AttemptStatus>(f[2]), finished.Status);
                    break;
                case "A":
                    var recorded = db.GetAttempt(long.Parse(f[1], CultureInfo.InvariantCulture));
                    Assert.NotNull(recorded);
                    Assert.Equal(f[2], recorded.Node);
                    Assert.Equal(Enum.Parse<AttemptStatus>(f[3]), recorded.Status);
                    break;
                case "ready":
                    break;
                default:
                    Assert.Fail("unexpected line from the child: " + line);
                    break;
            }
        }
    }

    /// <summary>Every attempt's fields must be the ones the child derived from its node name.</summary>
    internal static void CheckEveryAttemptIsValid(BuildDatabase db)
    {
        foreach (var state in db.GetPortStates())
        {
            foreach (var a in db.GetHistory(state.Node))
            {
                var n = FaultRecords.SequenceOf(a.Node);
                Assert.Equal(FaultRecords.Version(n), a.Version);
                Assert.Equal(FaultRecords.Slot(n), a.Slot);
                if (a.Status is AttemptStatus.Running or AttemptStatus.Interrupted)
                {
                    continue;
                }

                var expected = FaultRecords.Result(n);
                Assert.Equal(expected.Status, a.Status);
                Assert.Equal(expected.PackageFile, a.PackageFile);
                Assert.Equal(expected.Reason, a.Reason);
                Assert.Equal(expected.Fingerprint, a.Fingerprint);
                Assert.Equal(expected.FailureExcerpt, a.FailureExcerpt);
            }
        }
    }

    [Fact]
    [Trait("Lane", "Slow")]
    public async Task BitFlipsAndTruncations_1000Offsets_OpenOnlyReportsAndReturnsOnlyValidRecords()
    {
        using var dir = new TempDirectory();
        var seedPath = dir.Combine("seed", "gosynth.db");
        Dictionary<long, PortAttempt> truth;
        Dictionary<long, BuildRun> runs;
        await using (var db = await Db.OpenAsync(seedPath))
        {
            await Db.SeedAsync(db, attemptsPerRun: 12);
            var open = await db.StartRunAsync("open", Ct);
            await db.StartAttemptAsync(open.Id, "cat/left-running", "2", 1, Ct);
            truth = db.GetPortStates().SelectMany(s => db.GetHistory(s.Node)).ToDictionary(a => a.Id);
            runs = db.ListRuns().ToDictionary(r => r.Id);
        }

        var original = await File.ReadAllBytesAsync(seedPath, Ct);
        // Format 2: the marker byte 0xFF appears only where a frame starts.
        var boundaries = new HashSet<int>(Enumerable.Range(24, original.Length - 24).Where(p => original[p] == 0xFF));

        var random = new Random(4242);
        var work = dir.Combine("work");
        var corruptThrows = 0;
        for (var k = 0; k < 1000; k++)
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            Directory.CreateDirectory(work);
            var path = Path.Combine(work, "gosynth.db");
            var offset = random.Next(original.Length);
            var flip = k % 2 == 0;
            byte[] bytes;
            if (flip)
            {
                bytes = (byte[])original.Clone();
                bytes[offset] ^= (byte)(1 << random.Next(8));
            }
            else
            {
                bytes = original[..offset];
            }

            await File.WriteAllBytesAsync(path, bytes, Ct);
            var asWriter = k % 4 >= 2;
            BuildDatabase db;
            try
            {
                db = asWriter ? await Db.OpenAsync(path) : await Db.ReadAsync(path);
            }
            catch (BuildDbCorruptException)
            {
                // Documented only for a destroyed magic number: the file may not be ours, so it is left alone.
                Assert.True(flip && offset < 8, $"corrupt exception for {(flip ? "flip" : "truncation")} at {offset}");
                Assert.Equal(bytes, await File.ReadAllBytesAsync(path, Ct));
                corruptThrows++;
                continue;
            }

            await using (db)
            {
                foreach (var a in db.GetPortStates().SelectMany(s => db.GetHistory(s.Node)))
                {
                    Assert.True(truth.TryGetValue(a.Id, out var t), $"attempt {a.Id} was never written");
                    Assert.Equal((t.Node, t.Version, t.RunId, t.Slot, t.Start), (a.Node, a.Version, a.RunId, a.Slot, a.Start));
                    Assert.True(
                        a == t || a.Status is AttemptStatus.Running or AttemptStatus.Interrupted,
                        $"attempt {a.Id} differs from what was written: {a} vs {t}");
                }

                foreach (var r in db.ListRuns(0, 100))
                {
                    Assert.True(runs.TryGetValue(r.Id, out var t), $"run {r.Id} was never written");
                    Assert.True(r.Profile == t.Profile || r.Profile.StartsWith("(unknown", StringComparison.Ordinal));
                }

                // A writer reports every change except a cut exactly between two records (a shorter, valid file).
                if (asWriter && offset >= 8 && (flip || (offset > 0 && !boundaries.Contains(offset))))
                {
                    Assert.NotEmpty(db.OpenReport.Damage);
                }
            }

            if (asWriter)
            {
                await using var again = await Db.ReadAsync(path);
                Assert.Empty(again.OpenReport.Damage);
            }
        }

        Assert.True(corruptThrows < 20);
    }

    [Fact]
    public async Task Reader_TailsWriterUnderLoad_AlwaysSeesAConsistentPrefix()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using var writer = await Db.OpenAsync(path);
        await using var reader = await Db.ReadAsync(path);
        const int Total = 4000;
        var writing = Task.Run(async () =>
        {
            BuildRun? run = null;
            for (var n = 1; n <= Total; n++)
            {
                if (n % 500 == 1)
                {
                    if (run is not null)
                    {
                        await writer.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);
                    }

                    run = await writer.StartRunAsync("load", Ct);
                }

                var node = $"fault/s0-n{n}";
                if (n % 3 == 0)
                {
                    await writer.RecordAttemptAsync(run!.Id, FaultRecords.Record(node, n), Ct);
                }
                else
                {
                    var a = await writer.StartAttemptAsync(run!.Id, node, FaultRecords.Version(n), FaultRecords.Slot(n), Ct);
                    await writer.FinishAttemptAsync(a.Id, FaultRecords.Result(n), Ct);
                }
            }

            await writer.FinishRunAsync(run!.Id, RunOutcome.Completed, Ct);
        }, Ct);

        var refreshes = 0;
        long seen = 0;
        while (true)
        {
            var done = writing.IsCompleted;
            await reader.RefreshAsync(Ct);
            refreshes++;
            var stats = reader.GetStatistics();
            Assert.Empty(reader.OpenReport.Damage);
            Assert.True(stats.Attempts >= seen);
            seen = stats.Attempts;
            if (seen > 0)
            {
                Assert.NotNull(reader.GetAttempt(seen));
            }

            Assert.Null(reader.GetAttempt(seen + 1));
            Assert.True(stats.RunningAttempts <= 1);
            foreach (var run in reader.ListRuns(0, 2))
            {
                Assert.Equal(reader.GetRunAttempts(run.Id).Count, run.Counts.Total);
            }

            if (refreshes % 10 == 0)
            {
                FaultTests.CheckEveryAttemptIsValid(reader);
            }

            if (done)
            {
                break;
            }
        }

        await writing;
        Assert.True(refreshes > 3);
        Assert.Equal(Total, reader.GetStatistics().Attempts);
        Assert.Equal(writer.GetPortStates(), reader.GetPortStates());
        Assert.Equal(writer.ListRuns(), reader.ListRuns());
    }
}
