namespace GoSynth.BuildDb.Internal;

/// <summary>Encodes records into frames and decodes payloads into <see cref="DatabaseState"/> (layouts in FORMAT.md).</summary>
internal static class RecordCodec
{
    public static byte[] RunStarted(FrameBuilder frame, long id, long startMs, string profile, string host, long pid)
    {
        frame.Begin(RecordType.RunStarted);
        frame.WriteVarUInt((ulong)id);
        frame.WriteVarInt(startMs);
        frame.WriteString(profile);
        frame.WriteString(host);
        frame.WriteVarUInt((ulong)pid);
        return frame.End();
    }

    public static byte[] RunFinished(FrameBuilder frame, long id, long endMs, RunOutcome outcome, ReadOnlySpan<int> counts)
    {
        frame.Begin(RecordType.RunFinished);
        frame.WriteVarUInt((ulong)id);
        frame.WriteVarInt(endMs);
        frame.WriteByte((byte)outcome);
        frame.WriteVarUInt((ulong)counts.Length);
        foreach (var count in counts)
        {
            frame.WriteVarUInt((ulong)count);
        }

        return frame.End();
    }

    public static byte[] AttemptStarted(FrameBuilder frame, long id, long runId, string node, string version, int slot, long startMs)
    {
        frame.Begin(RecordType.AttemptStarted);
        frame.WriteVarUInt((ulong)id);
        frame.WriteVarUInt((ulong)runId);
        frame.WriteString(node);
        frame.WriteString(version);
        frame.WriteVarInt(slot);
        frame.WriteVarInt(startMs);
        return frame.End();
    }

    public static byte[] AttemptFinished(FrameBuilder frame, long id, AttemptStatus status, long endMs, string? packageFile, string? reason, string? lastPhase, uint? fingerprint, string? excerpt, string? options = null, uint? framework = null, string? dependencies = null)
    {
        var inputs = options is not null || framework is not null || dependencies is not null;
        frame.Begin(RecordType.AttemptFinished, inputs ? FrameBuilder.InputsRevision : FrameBuilder.Revision);
        frame.WriteVarUInt((ulong)id);
        frame.WriteByte((byte)status);
        frame.WriteVarInt(endMs);
        WriteOutcome(frame, packageFile, reason, lastPhase, fingerprint, excerpt);
        if (inputs)
        {
            WriteInputs(frame, options, framework, dependencies);
        }

        return frame.End();
    }

    public static byte[] Attempt(FrameBuilder frame, DatabaseState state, in AttemptRow row)
    {
        var inputs = state.Inputs(row.Inputs);
        frame.Begin(RecordType.Attempt, inputs.IsEmpty ? FrameBuilder.Revision : FrameBuilder.InputsRevision);
        frame.WriteVarUInt((ulong)row.Id);
        frame.WriteVarUInt((ulong)row.RunId);
        frame.WriteString(state.NodeAt(row.Node).Name);
        frame.WriteString(state.Strings.Get(row.Version));
        frame.WriteVarInt(row.Slot);
        frame.WriteVarInt(row.StartMs);
        frame.WriteByte((byte)row.Status);
        frame.WriteVarInt(row.EndMs);
        WriteOutcome(frame, state.Strings.Get(row.PackageFile), state.Strings.Get(row.Reason), state.Strings.Get(row.LastPhase), row.HasFingerprint ? row.Fingerprint : null, state.Excerpt(row.Excerpt));
        if (!inputs.IsEmpty)
        {
            WriteInputs(frame, state.Strings.Get(inputs.Options), inputs.Framework, state.Strings.Get(inputs.Dependencies));
        }

        return frame.End();
    }

    public static byte[] IdWatermark(FrameBuilder frame, long nextRunId, long nextAttemptId)
    {
        frame.Begin(RecordType.IdWatermark);
        frame.WriteVarUInt((ulong)nextRunId);
        frame.WriteVarUInt((ulong)nextAttemptId);
        return frame.End();
    }

    /// <summary>Applies one CRC-valid record; throws <see cref="FormatException"/> when it cannot be decoded or applied.</summary>
    public static void Apply(DatabaseState state, byte type, ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var revision = reader.ReadByte();
        if (revision == 0)
        {
            throw new FormatException("payload revision 0");
        }

        // A higher revision only appends fields (FORMAT.md): read what this version knows, ignore the rest.
        switch ((RecordType)type)
        {
            case RecordType.RunStarted:
                {
                    var id = reader.ReadId();
                    var start = reader.ReadVarInt();
                    var profile = reader.ReadString() ?? string.Empty;
                    var host = reader.ReadString();
                    var pid = (long)reader.ReadVarUInt();
                    state.ApplyRunStarted(id, start, profile, host, pid);
                    break;
                }

            case RecordType.RunFinished:
                {
                    var id = reader.ReadId();
                    var end = reader.ReadVarInt();
                    var outcome = (RunOutcome)reader.ReadByte();
                    if (!Enum.IsDefined(outcome))
                    {
                        throw new FormatException($"run outcome {(int)outcome}");
                    }

                    var n = reader.ReadVarUInt();
                    if (n > 64)
                    {
                        throw new FormatException("too many status counts");
                    }

                    Span<int> counts = stackalloc int[(int)n];
                    for (var i = 0; i < counts.Length; i++)
                    {
                        counts[i] = checked((int)reader.ReadVarUInt());
                    }

                    state.ApplyRunFinished(id, end, outcome, counts);
                    break;
                }

            case RecordType.AttemptStarted:
                {
                    var id = reader.ReadId();
                    var run = reader.ReadId();
                    var node = state.Node(ReadRequired(ref reader));
                    var version = Version(state, node, ReadRequired(ref reader));
                    var slot = checked((int)reader.ReadVarInt());
                    var start = reader.ReadVarInt();
                    state.ApplyAttemptStarted(id, run, node, version, slot, start);
                    break;
                }

            case RecordType.AttemptFinished:
                {
                    var id = reader.ReadId();
                    var status = (AttemptStatus)reader.ReadByte();
                    var end = reader.ReadVarInt();
                    ReadOutcome(state, null, ref reader, out var packageFile, out var reason, out var phase, out var fingerprint, out var excerpt);
                    var inputs = revision >= FrameBuilder.InputsRevision ? ReadInputs(state, state.NodeOfOpen(id), ref reader) : default;
                    state.ApplyAttemptFinished(id, status, end, packageFile, reason, phase, fingerprint, excerpt, inputs);
                    break;
                }

            case RecordType.Attempt:
                {
                    var id = reader.ReadId();
                    var run = reader.ReadId();
                    var node = state.Node(ReadRequired(ref reader));
                    var version = Version(state, node, ReadRequired(ref reader));
                    var slot = checked((int)reader.ReadVarInt());
                    var start = reader.ReadVarInt();
                    var status = (AttemptStatus)reader.ReadByte();
                    var end = reader.ReadVarInt();
                    ReadOutcome(state, node, ref reader, out var packageFile, out var reason, out var phase, out var fingerprint, out var excerpt);
                    var inputs = revision >= FrameBuilder.InputsRevision ? ReadInputs(state, node, ref reader) : default;
                    state.ApplyAttempt(id, run, node, version, slot, start, status, end, packageFile, reason, phase, fingerprint, excerpt, inputs);
                    break;
                }

            case RecordType.IdWatermark:
                state.ApplyWatermark(reader.ReadId(), reader.ReadId());
                break;

            default:
                throw new InvalidOperationException($"record type 0x{type:x2} has no decoder");
        }
    }

    private static void WriteOutcome(FrameBuilder frame, string? packageFile, string? reason, string? lastPhase, uint? fingerprint, string? excerpt)
    {
        frame.WriteString(packageFile);
        frame.WriteString(reason);
        frame.WriteString(lastPhase);
        frame.WriteOptionalUInt(fingerprint);
        frame.WriteString(excerpt);
    }

    /// <summary>Revision 2's trailing fields: selected options, framework fingerprint, dependency set.</summary>
    private static void WriteInputs(FrameBuilder frame, string? options, uint? framework, string? dependencies)
    {
        frame.WriteString(options);
        frame.WriteOptionalUInt(framework);
        frame.WriteString(dependencies);
    }

    private static AttemptInputs ReadInputs(DatabaseState state, NodeState? node, ref PayloadReader reader)
    {
        var options = reader.ReadUtf8(out var noOptions);
        var optionsId = noOptions ? 0 : node is null ? state.Strings.Id(options) : InternForNode(state, options, node, dependencies: false);
        var framework = reader.ReadOptionalUInt();
        var dependencies = reader.ReadUtf8(out var noDependencies);
        var dependenciesId = noDependencies ? 0 : node is null ? state.Strings.Id(dependencies) : InternForNode(state, dependencies, node, dependencies: true);
        return new AttemptInputs(optionsId, framework, dependenciesId);
    }

    /// <summary>Interns <paramref name="bytes"/>, comparing first with what the node's previous record held (usually the same).</summary>
    private static int InternForNode(DatabaseState state, ReadOnlySpan<byte> bytes, NodeState node, bool dependencies)
    {
        var (last, id) = dependencies ? (node.DependenciesUtf8, node.Dependencies) : (node.OptionsUtf8, node.Options);
        if (id != 0 && bytes.SequenceEqual(last))
        {
            return id;
        }

        id = state.Strings.Id(bytes);
        if (dependencies)
        {
            node.DependenciesUtf8 = bytes.ToArray();
            node.Dependencies = id;
        }
        else
        {
            node.OptionsUtf8 = bytes.ToArray();
            node.Options = id;
        }

        return id;
    }

    private static ReadOnlySpan<byte> ReadRequired(ref PayloadReader reader)
    {
        var bytes = reader.ReadUtf8(out var isNull);
        return isNull ? throw new FormatException("a required string is missing") : bytes;
    }

    private static int Version(DatabaseState state, NodeState node, ReadOnlySpan<byte> bytes)
    {
        if (node.Version != 0 && bytes.SequenceEqual(node.VersionUtf8))
        {
            return node.Version;
        }

        node.VersionUtf8 = bytes.ToArray();
        return node.Version = state.Strings.Id(bytes);
    }

    private static void ReadOutcome(DatabaseState state, NodeState? node, ref PayloadReader reader, out int packageFile, out int reason, out int phase, out uint? fingerprint, out string? excerpt)
    {
        var package = reader.ReadUtf8(out var noPackage);
        if (noPackage)
        {
            packageFile = 0;
        }
        else if (node is null)
        {
            packageFile = state.Strings.Id(package);
        }
        else if (node.Package != 0 && package.SequenceEqual(node.PackageUtf8))
        {
            packageFile = node.Package;
        }
        else
        {
            node.PackageUtf8 = package.ToArray();
            packageFile = node.Package = state.Strings.Id(package);
        }

        reason = Intern(state, ref reader);
        phase = Intern(state, ref reader);
        fingerprint = reader.ReadOptionalUInt();
        excerpt = reader.ReadString();
    }

    private static int Intern(DatabaseState state, ref PayloadReader reader)
    {
        var bytes = reader.ReadUtf8(out var isNull);
        return isNull ? 0 : state.Strings.Id(bytes);
    }
}
