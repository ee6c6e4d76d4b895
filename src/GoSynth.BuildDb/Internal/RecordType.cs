namespace GoSynth.BuildDb.Internal;

/// <summary>Record types (FORMAT.md). Bit 7 set marks an optional type an older reader may skip.</summary>
internal enum RecordType : byte
{
    RunStarted = 0x01,
    RunFinished = 0x02,
    AttemptStarted = 0x03,
    AttemptFinished = 0x04,
    Attempt = 0x05,
    IdWatermark = 0x06,
}
