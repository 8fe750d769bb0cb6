namespace WasmJit;

/// <summary>
/// Owns instances and everything they create (memories, tables, globals, host state such as a WASI context) and
/// frees it on <see cref="Dispose"/> (https://webassembly.github.io/spec/core/exec/runtime.html#store).
/// <para>
/// Threading rule: a store is used by one thread at a time. Every entry into WebAssembly code (instantiation, a
/// call through <see cref="Function"/> or a typed delegate) claims the store for the calling thread until it
/// returns; a host function may call back into the same store on the same thread (re-entrancy), but another
/// thread entering while the store is claimed gets an <see cref="InvalidOperationException"/> saying so, instead
/// of corrupting state. Different stores run in parallel freely. Memory, table and global accessors do not claim
/// the store: touching them from another thread while wasm runs is a data race the caller must avoid.
/// </para>
/// </summary>
public sealed partial class Store : IDisposable
{
    private readonly Dictionary<object, object> _state = [];
    private bool _disposed;

    public Store(Engine engine)
        : this(engine, (engine ?? throw new ArgumentNullException(nameof(engine))).Config.DefaultLimits)
    {
    }

    public Store(Engine engine, StoreLimits limits)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(limits);
        Engine = engine;
        Limits = limits;
        Inner = new Runtime.Store(engine.CreateStoreOptions(limits));
    }

    public Engine Engine { get; }

    public StoreLimits Limits { get; }

    internal Runtime.Store Inner { get; }

    /// <summary>Per-store state of a host module (e.g. the WASI context), created on first use and disposed with the store.</summary>
    internal T GetOrAddState<T>(object key, Func<T> create)
        where T : class
    {
        lock (_state)
        {
            if (!_state.TryGetValue(key, out var value))
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                value = create();
                _state.Add(key, value);
            }
            return (T)value;
        }
    }

    /// <summary>Frees the store's memories and host state. Instances of the store must not be used afterwards.</summary>
    public void Dispose()
    {
        List<object> state;
        lock (_state)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            MarkDisposed();
            state = [.. _state.Values];
            _state.Clear();
        }
        foreach (var s in state)
        {
            (s as IDisposable)?.Dispose();
        }
        Inner.Dispose();
    }
}
