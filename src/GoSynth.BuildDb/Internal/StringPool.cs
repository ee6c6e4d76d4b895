namespace GoSynth.BuildDb.Internal;

/// <summary>Interns strings so repeated versions, phases, reasons and file names share one instance.</summary>
internal sealed class StringPool
{
    private readonly Utf8Table<string> _table = new(static s => s);

    public int Count => _table.Count;

    public string Intern(ReadOnlySpan<byte> utf8) => _table.GetOrAdd(utf8);

    public string Intern(string value) => _table.GetOrAdd(value);
}
