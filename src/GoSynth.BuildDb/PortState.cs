namespace GoSynth.BuildDb;

/// <summary>What the database knows about one node: its last good build and its last attempt.</summary>
/// <param name="Node">The node.</param>
/// <param name="LastSuccess">
/// The latest successful attempt (version, package file, fingerprint, time, and the options, framework fingerprint and
/// dependency set it was built with when recorded), if any.
/// </param>
/// <param name="LastAttempt">The latest attempt of any status.</param>
public sealed record PortState(string Node, PortAttempt? LastSuccess, PortAttempt LastAttempt);
