namespace GoSynth.BuildDb;

/// <summary>The event ids GoSynth.BuildDb logs with (the 2000s).</summary>
public static class BuildDbEventIds
{
    /// <summary>A database was opened.</summary>
    public const int Opened = 2001;

    /// <summary>A torn tail was cut off.</summary>
    public const int TornTailCut = 2002;

    /// <summary>Damage in the middle of the file was found; the file was copied aside and repaired.</summary>
    public const int DamageRepaired = 2003;

    /// <summary>A stale writer lock of a dead process was taken over.</summary>
    public const int StaleLockTakenOver = 2004;

    /// <summary>Runs left running were marked aborted and open attempts interrupted.</summary>
    public const int RunsRepaired = 2005;

    /// <summary>The database was compacted.</summary>
    public const int Compacted = 2006;

    /// <summary>A write or flush failed; the database stops accepting writes.</summary>
    public const int WriteFailed = 2007;

    /// <summary>A record of an unknown optional type was skipped.</summary>
    public const int UnknownRecordSkipped = 2008;

    /// <summary>A reader found the file replaced (compaction, repair) and reloaded it.</summary>
    public const int ReaderReloaded = 2009;

    /// <summary>A reader found damage while reading (reported, not repaired: only the writer repairs).</summary>
    public const int ReaderFoundDamage = 2010;

    /// <summary>A file of an older format version was rewritten in the current one.</summary>
    public const int FormatUpgraded = 2011;
}
