using System.Text;
using GoSynth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GoSynth.BuildDb.Tests;

/// <summary>
/// The inputs a success was built with (selected options, framework fingerprint, dependency set): payload revision 2
/// of the attempt records, kept across reopen and compaction, absent (null) in older records.
/// </summary>
public sealed class InputsTests
{
    private const string Options = "DOCS NLS X11";
    private const string Dependencies = "devel/gmake=4.4.1 lang/perl5@5.38=5.38.2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FinishAndRecordAttempt_WithInputs_SameLiveAfterReopenAndForAReader()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        PortAttempt finished, recorded, plain;
        await using (var db = await Db.OpenAsync(path))
        {
            var run = await db.StartRunAsync("default", Ct);
            var started = await db.StartAttemptAsync(run.Id, "editors/vim@gtk3", "9.1.0", 1, Ct);
            finished = await db.FinishAttemptAsync(started.Id, new AttemptResult(AttemptStatus.Success)
            {
                PackageFile = "vim-gtk3-9.1.0.pkg",
                Fingerprint = 7,
                Options = Options,
                FrameworkFingerprint = 0xFFFFFFFF,
                Dependencies = Dependencies,
            }, Ct);
            recorded = await db.RecordAttemptAsync(run.Id, new AttemptRecord("devel/gmake", "4.4.1", AttemptStatus.Success)
            {
                Options = string.Empty,
                FrameworkFingerprint = 0,
                Dependencies = string.Empty,
            }, Ct);
            plain = await db.RecordAttemptAsync(run.Id, new AttemptRecord("devel/tool", "1", AttemptStatus.Success) { Fingerprint = 3 }, Ct);
            await db.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);

            Assert.Equal((Options, 0xFFFFFFFFu, Dependencies), (finished.Options, finished.FrameworkFingerprint, finished.Dependencies));
            Assert.Equal((string.Empty, 0u, string.Empty), (recorded.Options, recorded.FrameworkFingerprint, recorded.Dependencies));
            Assert.Equal(((string?)null, (uint?)null, (string?)null), (plain.Options, plain.FrameworkFingerprint, plain.Dependencies));
        }

        await using (var reader = await Db.ReadAsync(path))
        {
            Assert.True(reader.OpenReport.IsClean);
            Assert.Equal(finished, reader.GetAttempt(finished.Id));
            Assert.Equal(recorded, reader.GetAttempt(recorded.Id));
            Assert.Equal(plain, reader.GetAttempt(plain.Id));
            Assert.Equal(finished, reader.GetPortState("editors/vim@gtk3")!.LastSuccess);
        }

        await using var writer = await Db.OpenAsync(path);
        Assert.Equal(finished, writer.GetLatestSuccess("editors/vim@gtk3"));
        Assert.Equal(recorded, writer.GetLatestSuccess("devel/gmake"));
    }

    [Fact]
    public async Task RecordAttempt_NoInputs_WritesRevision1BytesAsBefore()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var db = await Db.OpenAsync(path))
        {
            var run = await db.StartRunAsync("p", Ct);
            await db.RecordAttemptAsync(run.Id, new AttemptRecord("a/plain", "1", AttemptStatus.Success), Ct);
            await db.RecordAttemptAsync(run.Id, new AttemptRecord("a/inputs", "1", AttemptStatus.Success) { FrameworkFingerprint = 5 }, Ct);
        }

        var bodies = Bodies(await File.ReadAllBytesAsync(path, Ct));

        var attempts = bodies.Where(b => b[4] == 0x05).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(1, attempts[0][5]);
        Assert.Equal(2, attempts[1][5]);
        // Revision 2 ends with: options null (00), framework 5 as opt-u32 (06), dependencies null (00), then the CRC.
        Assert.Equal(new byte[] { 0x00, 0x06, 0x00 }, attempts[1][^7..^4]);
    }

    [Fact]
    public async Task RecordAttempt_Revision2Example_MatchesFormatMdByteForByte()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var db = await Db.OpenAsync(path))
        {
            var run = await db.StartRunAsync("p", Ct);
            await db.RecordAttemptAsync(run.Id, new AttemptRecord("a/b", "1", AttemptStatus.Success)
            {
                Start = DateTimeOffset.UnixEpoch.AddMilliseconds(1),
                End = DateTimeOffset.UnixEpoch.AddMilliseconds(2),
                PackageFile = "b.pkg",
                Options = "X11",
                FrameworkFingerprint = 41,
                Dependencies = "c/d=2",
            }, Ct);
        }

        var body = Bodies(await File.ReadAllBytesAsync(path, Ct)).Single(b => b[4] == 0x05);

        Assert.Equal(
            "02 01 01 04 61 2f 62 02 31 01 02 01 04 06 62 2e 70 6b 67 00 00 00 00 04 58 31 31 2a 06 63 2f 64 3d 32",
            string.Join(' ', body[5..^4].Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Read_HandWrittenRevisions_Revision1HasNoInputsRevision2HasThemRevision3ExtraIgnored()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("revisions.db");
        byte[] file =
        [
            .. Frames.Header(1),
            .. Frames.Frame(0x01, Frames.RunStartedPayload(1, 1, "p")),
            .. Frames.Frame(0x05, AttemptPayload(1, id: 1, "a/old")),
            .. Frames.Frame(0x05, AttemptPayload(2, id: 2, "a/new", Inputs("X11", 41, "b/dep=2"))),
            .. Frames.Frame(0x05, AttemptPayload(3, id: 3, "a/future", [.. Inputs(null, 9, null), 0xAA, 0xBB])),
        ];
        await File.WriteAllBytesAsync(path, file, Ct);

        await using var db = await Db.ReadAsync(path);

        Assert.True(db.OpenReport.IsClean);
        var old = db.GetAttempt(1)!;
        Assert.Equal(((string?)null, (uint?)null, (string?)null), (old.Options, old.FrameworkFingerprint, old.Dependencies));
        Assert.Equal("old.pkg", old.PackageFile);
        var current = db.GetAttempt(2)!;
        Assert.Equal(("X11", (uint?)41, "b/dep=2"), (current.Options, current.FrameworkFingerprint, current.Dependencies));
        var future = db.GetAttempt(3)!;
        Assert.Equal(((string?)null, (uint?)9, (string?)null), (future.Options, future.FrameworkFingerprint, future.Dependencies));
    }

    [Fact]
    public async Task Read_Revision2WithoutItsFields_IsUndecodableNotSilentlyDefaulted()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("short.db");
        byte[] file =
        [
            .. Frames.Header(1),
            .. Frames.Frame(0x01, Frames.RunStartedPayload(1, 1, "p")),
            .. Frames.Frame(0x05, AttemptPayload(2, id: 1, "a/short")),
        ];
        await File.WriteAllBytesAsync(path, file, Ct);

        await using var db = await Db.ReadAsync(path);

        Assert.Null(db.GetAttempt(1));
        Assert.Contains(db.OpenReport.Damage, d => d.Kind == DamageKind.Undecodable);
    }

    [Fact]
    public async Task CompactAsync_KeepsTheInputsOfKeptSuccesses()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await Db.OpenAsync(path, time: time);
        for (var r = 0; r < 6; r++)
        {
            var run = await db.StartRunAsync("default", Ct);
            for (var i = 0; i < 4; i++)
            {
                await db.RecordAttemptAsync(run.Id, new AttemptRecord($"cat/p{i}", $"1.{r}", AttemptStatus.Success)
                {
                    Options = r % 2 == 0 ? "DOCS" : "DOCS X11",
                    FrameworkFingerprint = (uint)(100 + r),
                    Dependencies = i == 0 ? string.Empty : $"cat/p{i - 1}=1.{r}",
                }, Ct);
                time.Advance(TimeSpan.FromMinutes(1));
            }

            await db.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);
        }

        // The last run failed cat/p3: its last success (with inputs) is an older run's, kept by compaction.
        var failing = await db.StartRunAsync("default", Ct);
        await db.RecordAttemptAsync(failing.Id, new AttemptRecord("cat/p3", "1.6", AttemptStatus.Failed), Ct);
        await db.FinishRunAsync(failing.Id, RunOutcome.Completed, Ct);
        var before = db.GetPortStates().OrderBy(s => s.Node, StringComparer.Ordinal).ToList();

        await db.CompactAsync(new CompactionOptions { KeepRuns = 1, KeepSuccessesPerNode = 1 }, Ct);

        Assert.Equal(before, db.GetPortStates().OrderBy(s => s.Node, StringComparer.Ordinal));
        var p3 = db.GetLatestSuccess("cat/p3")!;
        Assert.Equal(("DOCS X11", (uint?)105, "cat/p2=1.5"), (p3.Options, p3.FrameworkFingerprint, p3.Dependencies));
        await using var reader = await Db.ReadAsync(path);
        Assert.Equal(before, reader.GetPortStates().OrderBy(s => s.Node, StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_BitFlipInsideTheInputs_DetectedByTheCrcAndReported()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var db = await Db.OpenAsync(path))
        {
            var run = await db.StartRunAsync("p", Ct);
            await db.RecordAttemptAsync(run.Id, new AttemptRecord("a/damaged", "1", AttemptStatus.Success) { Options = "UNIQUEOPTION" }, Ct);
            await db.RecordAttemptAsync(run.Id, new AttemptRecord("a/kept", "1", AttemptStatus.Success) { Dependencies = "a/damaged=1" }, Ct);
            await db.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);
        }

        var bytes = await File.ReadAllBytesAsync(path, Ct);
        bytes[bytes.AsSpan().IndexOf("UNIQUEOPTION"u8) + 3] ^= 0x04;
        await File.WriteAllBytesAsync(path, bytes, Ct);

        await using (var reader = await Db.ReadAsync(path))
        {
            Assert.Contains(reader.OpenReport.Damage, d => d.Kind == DamageKind.Corrupted);
            Assert.Null(reader.GetPortState("a/damaged"));
        }

        await using var writer = await Db.OpenAsync(path);
        Assert.True(writer.OpenReport.HasLoss);
        Assert.NotNull(writer.OpenReport.DamagedCopyPath);
        Assert.Null(writer.GetPortState("a/damaged"));
        Assert.Equal("a/damaged=1", writer.GetLatestSuccess("a/kept")!.Dependencies);
    }

    [Fact]
    public async Task Upgrade_FormatVersion1File_RecordsInputsAfterwards()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("gosynth.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "format-v1.gsdb"), path);

        await using (var db = await Db.OpenAsync(path))
        {
            Assert.Null(db.GetLatestSuccess("devel/gmake")!.Options);
            var run = await db.StartRunAsync("third", Ct);
            var attempt = await db.StartAttemptAsync(run.Id, "devel/gmake", "4.4.2", 0, Ct);
            await db.FinishAttemptAsync(attempt.Id, new AttemptResult(AttemptStatus.Success) { Options = "NLS", FrameworkFingerprint = 1, Dependencies = string.Empty }, Ct);
            await db.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);
        }

        await using var reader = await Db.ReadAsync(path);
        var gmake = reader.GetLatestSuccess("devel/gmake")!;
        Assert.Equal(("4.4.2", "NLS", (uint?)1, string.Empty), (gmake.Version, gmake.Options, gmake.FrameworkFingerprint, gmake.Dependencies));
        Assert.Equal(0xFEFFFEFFu, reader.GetHistory("devel/gmake").Single(a => a.Version == "4.4.1").Fingerprint);
    }

    [Fact]
    public async Task RecordAttempt_DependenciesTooLong_RefusedNamingTheField()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir));
        var run = await db.StartRunAsync("p", Ct);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            db.RecordAttemptAsync(run.Id, new AttemptRecord("a/b", "1", AttemptStatus.Success) { Dependencies = new string('x', 70_000) }, Ct));

        Assert.Contains("dependencies", error.Message, StringComparison.Ordinal);
        Assert.Null(db.GetPortState("a/b"));
    }

    /// <summary>An Attempt payload: revision, id, run 1, node, version "1", slot -1, start 1 ms, success, end 2 ms, package, then <paramref name="tail"/>.</summary>
    private static byte[] AttemptPayload(byte revision, byte id, string node, params byte[] tail)
    {
        var bytes = new List<byte> { revision, id, 1 };
        String(bytes, node);
        String(bytes, "1");
        bytes.AddRange([0x01, 0x02, 0x01, 0x04]); // slot zigzag(-1), start zigzag(1), status success, end zigzag(2)
        String(bytes, node[2..] + ".pkg");
        bytes.AddRange([0x00, 0x00, 0x00, 0x00]); // reason, phase, fingerprint, excerpt: absent
        bytes.AddRange(tail);
        return [.. bytes];
    }

    /// <summary>Revision 2's fields: options string, framework opt-u32, dependencies string.</summary>
    private static byte[] Inputs(string? options, uint framework, string? dependencies)
    {
        var bytes = new List<byte>();
        String(bytes, options);
        bytes.Add((byte)(framework + 1));
        String(bytes, dependencies);
        return [.. bytes];
    }

    private static void String(List<byte> bytes, string? value)
    {
        if (value is null)
        {
            bytes.Add(0);
            return;
        }

        bytes.Add((byte)(Encoding.UTF8.GetByteCount(value) + 1));
        bytes.AddRange(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The unescaped frame bodies of a format 2 file.</summary>
    private static List<byte[]> Bodies(byte[] file)
    {
        var result = new List<byte[]>();
        for (var i = 24; i < file.Length; i++)
        {
            if (file[i] == 0xFF)
            {
                result.Add(FormatTests.Unescape(file.AsSpan(i + 1)));
            }
        }

        return result;
    }
}
