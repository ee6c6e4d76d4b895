namespace GoSynth.Cli.Json;


/// <summary><c>gosynth version --json</c>.</summary>
internal sealed record VersionDocument(string Schema, string Name, string Version, string Runtime, string Os, string Architecture);

/// <summary><c>gosynth why --json</c>: the plan's decision for a port and the chain of decisions behind it.</summary>
internal sealed record WhyDocument(string Schema, string Port, string Action, string Kind, string Reason, IReadOnlyList<WhyStep> Chain);

/// <summary>One decision of a <see cref="WhyDocument"/> chain: the port, then what it waits on, down to the cause.</summary>
internal sealed record WhyStep(string Port, string Action, string Kind, string Reason, string? Cause);

/// <summary><c>gosynth history --json</c>: the recorded attempts of a port, newest first.</summary>
internal sealed record HistoryDocument(string Schema, string Port, string Database, IReadOnlyList<HistoryAttempt> Attempts);

/// <summary>One attempt of a <see cref="HistoryDocument"/>.</summary>
internal sealed record HistoryAttempt(
    long Id, long Run, string Node, string Version, string Status, DateTimeOffset? Start, DateTimeOffset? End, double? Seconds,
    string? Phase, string? Reason, string? PackageFile, string? Fingerprint);

/// <summary><c>gosynth simulate --json</c>: the estimated time of a plan with each scheduling policy.</summary>
internal sealed record SimulateDocument(
    string Schema, int Builders, int Ports, int ToBuild, double ExpectedWorkSeconds, double CriticalPathSeconds, double LowerBoundSeconds,
    IReadOnlyList<SimulatePolicy> Policies, IReadOnlyList<SimulateStart> Schedule);

/// <summary>The simulated makespan of one policy.</summary>
internal sealed record SimulatePolicy(string Policy, double MakespanSeconds, double Ratio);

/// <summary>A port in the order GoSynth's policy starts it.</summary>
internal sealed record SimulateStart(int Order, string Port);

/// <summary><c>gosynth verify --json</c>.</summary>
internal sealed record VerifyDocument(string Repository, int Checked, bool Valid, VerifySignature Signature, IReadOnlyList<VerifyProblem> Problems);

/// <summary>The catalog signature's state in a <see cref="VerifyDocument"/>.</summary>
internal sealed record VerifySignature(string State, string Message);

/// <summary>One problem in a <see cref="VerifyDocument"/>.</summary>
internal sealed record VerifyProblem(string Kind, string Path, string Message);
