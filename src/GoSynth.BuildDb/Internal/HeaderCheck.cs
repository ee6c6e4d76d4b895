namespace GoSynth.BuildDb.Internal;

internal enum HeaderCheck
{
    Valid,
    NotADatabase,
    Truncated,
    BadChecksum,
}
