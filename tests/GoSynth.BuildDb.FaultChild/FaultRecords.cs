using GoSynth.BuildDb;

/// <summary>The content of fault-test attempts, derived from a sequence number carried in the node name.</summary>
public static class FaultRecords
{
    /// <summary>The sequence number in a node name <c>fault/s&lt;seed&gt;-n&lt;n&gt;</c>.</summary>
    public static int SequenceOf(string node) => int.Parse(node[(node.LastIndexOf('n') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The final status of attempt n.</summary>
    public static AttemptStatus StatusOf(int n) => (n % 4) switch
    {
        0 => AttemptStatus.Failed,
        1 => AttemptStatus.Success,
        2 => AttemptStatus.Skipped,
        _ => AttemptStatus.Success,
    };

    /// <summary>The version of attempt n.</summary>
    public static string Version(int n) => "1." + n;

    /// <summary>The slot of attempt n.</summary>
    public static int Slot(int n) => n % 8;

    /// <summary>The fingerprint of attempt n.</summary>
    public static uint Fingerprint(int n) => unchecked((uint)n * 2654435761u);

    /// <summary>The result of attempt n.</summary>
    public static AttemptResult Result(int n) => new(StatusOf(n))
    {
        PackageFile = $"pkg-{n}.pkg",
        Reason = "reason " + n,
        LastPhase = "build",
        Fingerprint = Fingerprint(n),
        FailureExcerpt = StatusOf(n) == AttemptStatus.Failed ? new string('x', n % 300) : null,
    };

    /// <summary>Attempt n recorded in one step.</summary>
    public static AttemptRecord Record(string node, int n) => new(node, Version(n), StatusOf(n))
    {
        PackageFile = $"pkg-{n}.pkg",
        Reason = "reason " + n,
        LastPhase = "build",
        Slot = Slot(n),
        Fingerprint = Fingerprint(n),
        FailureExcerpt = StatusOf(n) == AttemptStatus.Failed ? new string('x', n % 300) : null,
    };
}
