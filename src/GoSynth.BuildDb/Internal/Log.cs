using Microsoft.Extensions.Logging;

namespace GoSynth.BuildDb.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = BuildDbEventIds.Opened, Level = LogLevel.Debug, Message = "Opened build database {Path} ({Mode}): {Records} records, {Runs} runs, {Attempts} attempts in {ElapsedMs} ms")]
    public static partial void Opened(ILogger logger, string path, string mode, long records, int runs, int attempts, long elapsedMs);

    [LoggerMessage(EventId = BuildDbEventIds.TornTailCut, Level = LogLevel.Warning, Message = "Build database {Path}: cut off a torn tail of {Bytes} bytes at offset {Offset} (a write interrupted by a crash; no acknowledged record is in it)")]
    public static partial void TornTailCut(ILogger logger, string path, long offset, long bytes);

    [LoggerMessage(EventId = BuildDbEventIds.DamageRepaired, Level = LogLevel.Error, Message = "Build database {Path} was DAMAGED: {Ranges} damaged range(s), {Bytes} bytes without a valid record ({Details}); the damaged file was copied to {CopyPath} and every valid record was kept")]
    public static partial void DamageRepaired(ILogger logger, string path, int ranges, long bytes, string details, string copyPath);

    [LoggerMessage(EventId = BuildDbEventIds.StaleLockTakenOver, Level = LogLevel.Warning, Message = "Build database {Path}: took over the writer lock left by {Holder}, which is no longer running")]
    public static partial void StaleLockTakenOver(ILogger logger, string path, string holder);

    [LoggerMessage(EventId = BuildDbEventIds.RunsRepaired, Level = LogLevel.Warning, Message = "Build database {Path}: marked {Runs} run(s) left running as aborted and {Attempts} unfinished attempt(s) as interrupted")]
    public static partial void RunsRepaired(ILogger logger, string path, int runs, int attempts);

    [LoggerMessage(EventId = BuildDbEventIds.Compacted, Level = LogLevel.Information, Message = "Compacted build database {Path}: {BytesBefore} -> {BytesAfter} bytes, {Attempts} attempts kept")]
    public static partial void Compacted(ILogger logger, string path, long bytesBefore, long bytesAfter, int attempts);

    [LoggerMessage(EventId = BuildDbEventIds.WriteFailed, Level = LogLevel.Error, Message = "Build database {Path}: a write failed; the database accepts no more writes until reopened")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = BuildDbEventIds.UnknownRecordSkipped, Level = LogLevel.Debug, Message = "Build database {Path}: skipped an optional record of unknown type 0x{Type:x2} at offset {Offset} (written by a newer GoSynth)")]
    public static partial void UnknownRecordSkipped(ILogger logger, string path, byte type, long offset);

    [LoggerMessage(EventId = BuildDbEventIds.ReaderReloaded, Level = LogLevel.Debug, Message = "Build database {Path} was rewritten (compaction or repair); reloaded")]
    public static partial void ReaderReloaded(ILogger logger, string path);

    [LoggerMessage(EventId = BuildDbEventIds.ReaderFoundDamage, Level = LogLevel.Error, Message = "Build database {Path} is DAMAGED: {Ranges} range(s), {Bytes} bytes without a valid record ({Details}); valid records were read, the next writer repairs the file")]
    public static partial void ReaderFoundDamage(ILogger logger, string path, int ranges, long bytes, string details);

    [LoggerMessage(EventId = BuildDbEventIds.FormatUpgraded, Level = LogLevel.Information, Message = "Build database {Path} was rewritten from format version {From} to {To}; GoSynth versions that know only format {From} cannot read it any more")]
    public static partial void FormatUpgraded(ILogger logger, string path, int from, int to);
}
