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
/// <para>
/// It also carries the sandbox: the <see cref="Limiter"/> every tier polls (fuel, interrupts), the memory accounting
/// (<see cref="Scope"/> for the store, one per instance) and the count of live instances. Disposing an instance
/// releases the memories nobody else uses; disposing the store releases all.
/// </para>
/// </summary>
internal sealed partial class Store : IDisposable
{
    private readonly List<MemoryInstance> _memories = [];
    private int _liveInstances;

    public Store(StoreOptions options)
    {
        Options = options;
        Engine = ExecutionEngine.Create(options);
        Limiter = new ExecutionLimiter(options.Fuel, options.Timeout, options.Cancellation);
        Scope = new ResourceScope("the store", options.MaxStoreMemoryBytes);
    }

    public StoreOptions Options { get; }

    public WasmFeatures Features => Options.Features;

    public ExecutionEngine Engine { get; }

    /// <summary>Fuel and interrupt state, polled by every tier.</summary>
    public ExecutionLimiter Limiter { get; }

    /// <summary>Linear memory of the whole store, against <see cref="StoreOptions.MaxStoreMemoryBytes"/>.</summary>
    public ResourceScope Scope { get; }

    private volatile bool _disposed;

    /// <summary>Disposed: its code must not run any more (background work for it, e.g. tier-up compiles, is moot).</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Instances instantiated and not disposed.</summary>
    public int LiveInstances => Volatile.Read(ref _liveInstances);

    /// <summary>Creates a memory owned by this store (host-defined, e.g. for imports).</summary>
    public MemoryInstance CreateMemory(MemoryType type) => CreateMemory(type, Scope);

    private MemoryInstance CreateMemory(MemoryType type, ResourceScope scope)
    {
        long initial = (long)Math.Min(type.Limits.Min << type.PageSizeLog2, long.MaxValue);
        if (type.Limits.Min >> (63 - type.PageSizeLog2) != 0)
        {
            initial = long.MaxValue;
        }
        if (scope.TryReserve(initial) is { } over)
        {
            throw over.LimitError(initial);
        }
        MemoryInstance m;
        try
        {
            m = new MemoryInstance(type, Options);
        }
        catch
        {
            scope.Release(initial);
            throw;
        }
        m.Scope = scope;
        m.TrapOnLimit = Options.TrapOnGrowFailure;
        lock (_memories)
        {
            _memories.Add(m);
        }
        return m;
    }

    /// <summary>Creates a table owned by this store; the element type's heap type must be abstract or canonical.</summary>
    public TableInstance CreateTable(TableType type, object? init = null) =>
        new(type, init, Options.MaxTableElements, Options.TrapOnGrowFailure);

    /// <summary>Counts an instance about to be created against <see cref="StoreOptions.MaxInstances"/>.</summary>
    private void AddInstance()
    {
        if (Interlocked.Increment(ref _liveInstances) > Options.MaxInstances)
        {
            Interlocked.Decrement(ref _liveInstances);
            throw new WasmResourceLimitException("instances",
                $"the store already has {Options.MaxInstances} live instances, its limit (dispose one first)");
        }
    }

    /// <summary>
    /// Releases what <paramref name="inst"/> holds: every memory it defines or imports loses a holder, and memories
    /// left without one are unmapped. The instance's code must not run afterwards (its memories read as empty, so
    /// a stray call traps instead of touching freed memory).
    /// </summary>
    public void DisposeInstance(ModuleInstance inst)
    {
        if (inst.Disposed)
        {
            return;
        }
        inst.Disposed = true;
        Interlocked.Decrement(ref _liveInstances);
        ReleaseMemories(inst);
    }

    private void ReleaseMemories(ModuleInstance inst)
    {
        int imported = inst.Module.ImportedMemoryCount;
        for (int i = inst.HoldsImportedMemories ? 0 : imported; i < inst.Memories.Length; i++)
        {
            var m = inst.Memories[i];
            if (m is not null && m.ReleaseHolder())
            {
                lock (_memories)
                {
                    _memories.Remove(m);
                }
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        lock (_memories)
        {
            foreach (var m in _memories)
            {
                m.Dispose();
            }
            _memories.Clear();
        }
        Limiter.Dispose();
    }
}
