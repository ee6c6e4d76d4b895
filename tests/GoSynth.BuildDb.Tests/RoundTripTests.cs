using CsCheck;
using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

public sealed class RoundTripTests
{
    private static readonly Gen<string?> Text = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Const<string?>(string.Empty),
        Gen.String[Gen.Char.AlphaNumeric, 1, 40].Select(s => (string?)s),
        Gen.String[Gen.Char['\u0000', '\uD7FF'], 0, 60].Select(s => (string?)s));

    private static readonly Gen<AttemptRecord> Record =
        from node in Gen.String[Gen.Char.AlphaNumeric, 1, 20]
        from flavor in Gen.OneOf(Gen.Const(string.Empty), Gen.String[Gen.Char.AlphaNumeric, 1, 8].Select(f => "@" + f))
        from version in Gen.String[Gen.Char['\u0000', '\uD7FF'], 0, 30]
        from status in Gen.Int[1, 7].Select(i => (AttemptStatus)i)
        from package in Text
        from reason in Text
        from phase in Text
        from slot in Gen.Int[-1, 512]
        from fingerprint in Gen.OneOf(Gen.Const((uint?)null), Gen.UInt.Select(u => (uint?)u))
        from excerpt in Text
        from start in Gen.Long[0, 4_000_000_000_000]
        from duration in Gen.Long[0, 86_400_000L * 30]
        from options in Text
        from framework in Gen.OneOf(Gen.Const((uint?)null), Gen.UInt.Select(u => (uint?)u))
        from dependencies in Text
        select new AttemptRecord("cat/" + node + flavor, version, status)
        {
            PackageFile = package,
            Reason = reason,
            LastPhase = phase,
            Slot = slot,
            Fingerprint = fingerprint,
            FailureExcerpt = excerpt,
            Start = DateTimeOffset.FromUnixTimeMilliseconds(start),
            End = DateTimeOffset.FromUnixTimeMilliseconds(start + duration),
            Options = options,
            FrameworkFingerprint = framework,
            Dependencies = dependencies,
        };

    [Fact]
    public async Task RecordAttemptAsync_AnyFields_ReopenReturnsExactlyWhatWasRecorded()
    {
        var ct = TestContext.Current.CancellationToken;
        var batches = Record.Array[1, 30].Array[20].Single();
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        var written = new List<PortAttempt>();
        await using (var db = await Db.OpenAsync(path))
        {
            foreach (var batch in batches)
            {
                var run = await db.StartRunAsync("p", ct);
                foreach (var record in batch)
                {
                    var attempt = await db.RecordAttemptAsync(run.Id, record, ct);
                    Assert.Equal(record.Node, attempt.Node);
                    Assert.Equal(record.Version, attempt.Version);
                    Assert.Equal(record.Status, attempt.Status);
                    Assert.Equal(record.PackageFile, attempt.PackageFile);
                    Assert.Equal(record.Reason, attempt.Reason);
                    Assert.Equal(record.LastPhase, attempt.LastPhase);
                    Assert.Equal(record.Slot, attempt.Slot);
                    Assert.Equal(record.Fingerprint, attempt.Fingerprint);
                    Assert.Equal(record.FailureExcerpt, attempt.FailureExcerpt);
                    Assert.Equal(record.Start, attempt.Start);
                    Assert.Equal(record.End, attempt.End);
                    Assert.Equal(record.Options, attempt.Options);
                    Assert.Equal(record.FrameworkFingerprint, attempt.FrameworkFingerprint);
                    Assert.Equal(record.Dependencies, attempt.Dependencies);
                    written.Add(attempt);
                }

                await db.FinishRunAsync(run.Id, RunOutcome.Completed, ct);
            }
        }

        await using var reopened = await Db.ReadAsync(path);
        Assert.True(reopened.OpenReport.IsClean);
        Assert.All(written, a => Assert.Equal(a, reopened.GetAttempt(a.Id)));
        Assert.Equal(written.Count, reopened.GetStatistics().Attempts);
    }
}
