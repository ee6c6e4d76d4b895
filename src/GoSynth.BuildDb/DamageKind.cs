namespace GoSynth.BuildDb;

/// <summary>What kind of damage an open or refresh found.</summary>
public enum DamageKind
{
    /// <summary>The end of the file holds an incomplete or invalid record (a write cut short by a crash); cut off.</summary>
    TornTail = 0,

    /// <summary>Invalid bytes between valid records; the valid records on both sides are kept.</summary>
    Corrupted = 1,

    /// <summary>The file header failed its checksum or was cut short.</summary>
    Header = 2,

    /// <summary>A record with a valid checksum that could not be decoded or refers to something unknown.</summary>
    Undecodable = 3,
}
