namespace GoSynth.BuildDb.Internal;

/// <summary>
/// Interns strings as small ids (0 is null) so attempt rows hold no object references: repeated versions, phases,
/// reasons and file names share one instance, and the garbage collector never traces the large row arrays.
/// </summary>
internal sealed class StringPool
{
    private readonly List<string?> _values = [null];
    private readonly Utf8Table _table;

    public StringPool()
    {
        _table = new Utf8Table(Add);
    }

    public int Count => _values.Count - 1;

    public int Id(ReadOnlySpan<byte> utf8) => _table.GetOrAdd(utf8);

    public int Id(string? value) => value is null ? 0 : _table.GetOrAdd(value);

    public string? Get(int id) => _values[id];

    public string Intern(string value) => _values[_table.GetOrAdd(value)]!;

    private int Add(string value)
    {
        _values.Add(value);
        return _values.Count - 1;
    }
}
