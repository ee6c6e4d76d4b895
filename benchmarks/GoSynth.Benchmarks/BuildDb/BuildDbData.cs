using GoSynth.BuildDb;
using Microsoft.Data.Sqlite;

namespace GoSynth.Benchmarks.BuildDb;

/// <summary>
/// The same attempt records for GoSynth.BuildDb and for SQLite, and the large databases the open and query
/// benchmarks read (built once and kept under the temp directory, since building them takes a while).
/// </summary>
internal static class BuildDbData
{
    public const int Nodes = 25_000;
    public const int Runs = 40;
    public const int LargeAttempts = Nodes * Runs;

    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gosynth-bench-builddb")).FullName;

    /// <summary>The large GoSynth file, named by its format version so that a file kept from an older format is not reused.</summary>
    public static string LargeGoSynth => Path.Combine(Directory, "large-1m-v2.gsdb");

    /// <summary>The same history in format version 1 (unescaped frames), as files written before format 2 are.</summary>
    public static string LargeGoSynthFormat1 => Path.Combine(Directory, "large-1m-v1.gsdb");

    public static string LargeSqlite => Path.Combine(Directory, "large-1m.sqlite");

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Attempt i of run r: the version changes every 8 runs, as ports do.</summary>
    public static AttemptRecord Attempt(int run, int i)
    {
        var status = (i + run) % 13 == 0 ? AttemptStatus.Failed : i % 7 == 0 ? AttemptStatus.UpToDate : AttemptStatus.Success;
        var version = $"1.{run / 8}.{i % 10}";
        var start = Epoch.AddMinutes((run * 1000) + (i % 1000));
        return new AttemptRecord($"cat{i % 60}/port{i}", version, status)
        {
            PackageFile = $"port{i}-{version}.pkg",
            LastPhase = "package",
            Slot = i % 8,
            Fingerprint = (uint)((i * 31) + run),
            Start = start,
            End = start.AddSeconds(30 + (i % 600)),
            Reason = status == AttemptStatus.Failed ? "build failed" : null,
            FailureExcerpt = status == AttemptStatus.Failed ? "cc: error: boom" : null,
        };
    }

    public static async Task EnsureLargeGoSynthAsync()
    {
        if (File.Exists(LargeGoSynth))
        {
            return;
        }

        var temp = LargeGoSynth + ".building";
        File.Delete(temp);
        await using (var db = await BuildDatabase.OpenAsync(temp, new BuildDbOptions { Durability = Durability.None }))
        {
            for (var r = 0; r < Runs; r++)
            {
                var run = await db.StartRunAsync("default");
                for (var first = 0; first < Nodes; first += 5000)
                {
                    await db.RecordAttemptsAsync(run.Id, [.. Enumerable.Range(first, 5000).Select(i => Attempt(r, i))]);
                }

                await db.FinishRunAsync(run.Id);
            }
        }

        File.Delete(temp + ".lock");
        File.Move(temp, LargeGoSynth);
    }

    /// <summary>Writes <see cref="LargeGoSynthFormat1"/> from the format 2 file: same records, format 1 frames.</summary>
    public static void EnsureLargeFormat1()
    {
        if (File.Exists(LargeGoSynthFormat1))
        {
            return;
        }

        var temp = LargeGoSynthFormat1 + ".building";
        using (var handle = File.OpenHandle(LargeGoSynth))
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var header = new byte[GoSynth.BuildDb.Internal.FileFormat.HeaderSize];
            RandomAccess.Read(handle, header, 0);
            header[8] = 1;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), System.IO.Hashing.Crc32.HashToUInt32(header.AsSpan(0, 20)));
            output.Write(header);
            var window = new GoSynth.BuildDb.Internal.ScanWindow().Reset(handle, RandomAccess.GetLength(handle));
            new GoSynth.BuildDb.Internal.FrameScanner(window).Scan(
                header.Length,
                (_, _, type, payload) =>
                {
                    var frame = new byte[payload.Length + 9];
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
                    frame[4] = type;
                    payload.CopyTo(frame.AsSpan(5));
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(frame.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(frame.AsSpan(0, frame.Length - 4)));
                    output.Write(frame);
                },
                [],
                out _);
        }

        File.Move(temp, LargeGoSynthFormat1);
    }

    public static void EnsureLargeSqlite()
    {
        if (File.Exists(LargeSqlite))
        {
            return;
        }

        var temp = LargeSqlite + ".building";
        File.Delete(temp);
        using (var connection = OpenSqlite(temp, create: true))
        {
            for (var r = 0; r < Runs; r++)
            {
                using var tx = connection.BeginTransaction();
                using (var run = connection.CreateCommand())
                {
                    run.Transaction = tx;
                    run.CommandText = "INSERT INTO runs(id, profile, start, end, outcome) VALUES ($id, 'default', 0, 0, 1)";
                    run.Parameters.AddWithValue("$id", r + 1);
                    run.ExecuteNonQuery();
                }

                using var insert = PrepareInsert(connection, tx);
                for (var i = 0; i < Nodes; i++)
                {
                    Bind(insert, (r * Nodes) + i + 1, r + 1, Attempt(r, i));
                    insert.ExecuteNonQuery();
                }

                tx.Commit();
            }
        }

        SqliteConnection.ClearAllPools();
        File.Move(temp, LargeSqlite);
    }

    public static SqliteConnection OpenSqlite(string path, bool create)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
        if (create)
        {
            using var schema = connection.CreateCommand();
            schema.CommandText = """
                CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, profile TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER, outcome INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS attempts(id INTEGER PRIMARY KEY, run INTEGER NOT NULL, node TEXT NOT NULL, version TEXT NOT NULL,
                  status INTEGER NOT NULL, package_file TEXT, reason TEXT, last_phase TEXT, slot INTEGER NOT NULL, start INTEGER NOT NULL,
                  end INTEGER, fingerprint INTEGER, excerpt TEXT);
                CREATE INDEX IF NOT EXISTS attempts_node ON attempts(node, id);
                CREATE INDEX IF NOT EXISTS attempts_run ON attempts(run);
                """;
            schema.ExecuteNonQuery();
        }

        return connection;
    }

    public static SqliteCommand PrepareInsert(SqliteConnection connection, SqliteTransaction tx)
    {
        var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO attempts(id, run, node, version, status, package_file, reason, last_phase, slot, start, end, fingerprint, excerpt)
            VALUES ($id, $run, $node, $version, $status, $pkg, $reason, $phase, $slot, $start, $end, $fp, $excerpt)
            """;
        foreach (var name in new[] { "$id", "$run", "$node", "$version", "$status", "$pkg", "$reason", "$phase", "$slot", "$start", "$end", "$fp", "$excerpt" })
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        insert.Prepare();
        return insert;
    }

    public static void Bind(SqliteCommand insert, long id, long run, AttemptRecord a)
    {
        var p = insert.Parameters;
        p[0].Value = id;
        p[1].Value = run;
        p[2].Value = a.Node;
        p[3].Value = a.Version;
        p[4].Value = (int)a.Status;
        p[5].Value = (object?)a.PackageFile ?? DBNull.Value;
        p[6].Value = (object?)a.Reason ?? DBNull.Value;
        p[7].Value = (object?)a.LastPhase ?? DBNull.Value;
        p[8].Value = a.Slot;
        p[9].Value = a.Start!.Value.ToUnixTimeMilliseconds();
        p[10].Value = a.End!.Value.ToUnixTimeMilliseconds();
        p[11].Value = (object?)a.Fingerprint ?? DBNull.Value;
        p[12].Value = (object?)a.FailureExcerpt ?? DBNull.Value;
    }
}
