namespace WasmJit.Runtime;

/// <summary>
/// The store (https://webassembly.github.io/spec/core/exec/runtime.html#store): owns the instances created through
/// it and the engine that runs their code. Not thread-safe: instantiate from one thread at a time.
/// </summary>
internal sealed partial class Store : IDisposable
{
    private readonly List<MemoryInstance> _memories = [];

    public Store(StoreOptions options)
    {
        Options = options;
        Engine = ExecutionEngine.Create(options);
    }

    public StoreOptions Options { get; }

    public WasmFeatures Features => Options.Features;

    public ExecutionEngine Engine { get; }

    /// <summary>Creates a memory owned by this store (host-defined, e.g. for imports).</summary>
    public MemoryInstance CreateMemory(MemoryType type)
    {
        var m = new MemoryInstance(type, Options);
        _memories.Add(m);
        return m;
    }

    /// <summary>Creates a table owned by this store; the element type's heap type must be abstract or canonical.</summary>
    public TableInstance CreateTable(TableType type, object? init = null) => new(type, init, Options.MaxTableElements);

    public void Dispose()
    {
        foreach (var m in _memories)
        {
            m.Dispose();
        }
        _memories.Clear();
    }
}
