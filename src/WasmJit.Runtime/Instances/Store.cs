namespace WasmJit.Runtime;

/// <summary>
/// The store (https://webassembly.github.io/spec/core/exec/runtime.html#store): owns the instances created through
/// it and the engine that runs their code.
/// <para>
/// Threads (the threads proposal and wasi-threads): a store may be used from several threads at once.
/// Instantiation is safe from any thread (the store's own bookkeeping is locked, type canonicalisation is global
/// and locked, lazy translation/compilation publishes with a compare-exchange), and exported functions may be
/// called from any thread: each thread runs wasm on its own <see cref="WasmStack"/>. What wasm itself shares
/// between threads is only what the threads proposal shares: a <b>shared memory</b>, whose base never moves, whose
/// length is read volatile and whose growth is locked, with atomics and wait/notify. Everything else of an
/// instance (globals, tables, unshared memories) is plain data: wasm has no way to use it from two threads, so two
/// threads calling into the SAME instance race on it exactly like unsynchronised .NET code would. The intended
/// shape is the one wasi-threads and the spec's <c>thread</c> scripts use: one instance per thread, all importing
/// the same shared memory, in one store or in one store per thread (a shared memory may be imported by instances of
/// any store; it lives until the store that created it is disposed).
/// </para>
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
        lock (_memories)
        {
            _memories.Add(m);
        }
        return m;
    }

    /// <summary>Creates a table owned by this store; the element type's heap type must be abstract or canonical.</summary>
    public TableInstance CreateTable(TableType type, object? init = null) => new(type, init, Options.MaxTableElements);

    public void Dispose()
    {
        lock (_memories)
        {
            foreach (var m in _memories)
            {
                m.Dispose();
            }
            _memories.Clear();
        }
    }
}
