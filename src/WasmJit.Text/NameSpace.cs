namespace WasmJit.Text;

/// <summary>
/// One index space of a module being parsed (types, funcs, tables, ...): how many entries and which
/// <c>$id</c>s name them (https://webassembly.github.io/spec/core/text/conventions.html#contexts).
/// </summary>
internal sealed class NameSpace(string kind)
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

    /// <summary>The word used in "duplicate ..." and "unknown ..." errors.</summary>
    public string Kind { get; } = kind;

    public int Count { get; private set; }

    /// <summary>Names by index (null where unnamed); only filled for spaces that go into the name section.</summary>
    public List<string?>? Names { get; init; }

    /// <summary>Adds an entry; returns its index, or -1 if <paramref name="name"/> is already bound.</summary>
    public int Add(string? name)
    {
        if (name is not null && !_byName.TryAdd(name, Count))
        {
            return -1;
        }
        Names?.Add(name);
        return Count++;
    }

    public bool TryGet(string name, out int index) => _byName.TryGetValue(name, out index);

    public void Clear()
    {
        _byName.Clear();
        Names?.Clear();
        Count = 0;
    }
}
