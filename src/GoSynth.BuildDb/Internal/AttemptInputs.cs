namespace GoSynth.BuildDb.Internal;

/// <summary>
/// What a build saw besides the port directory: its selected options and dependency set (<see cref="StringPool"/>
/// ids, 0 for none) and the framework fingerprint. Held beside the rows, since most attempts (skips, failures) have none.
/// </summary>
internal readonly record struct AttemptInputs(int Options, uint? Framework, int Dependencies)
{
    public bool IsEmpty => Options == 0 && Framework is null && Dependencies == 0;
}
