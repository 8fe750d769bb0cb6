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
    private readonly Store? _program;
    private bool _disposed;

    public Store(Engine engine)
        : this(engine, (engine ?? throw new ArgumentNullException(nameof(engine))).Config.DefaultLimits)
    {
    }

    public Store(Engine engine, StoreLimits limits)
        : this(engine, limits, CancellationToken.None)
    {
    }

    /// <summary>
    /// A store whose running code stops with <see cref="WasmInterruptedException"/> (<see cref="WasmInterruptedException.Cancelled"/>)
    /// when <paramref name="cancellation"/> is cancelled; every later call into it is refused the same way.
    /// </summary>
    public Store(Engine engine, StoreLimits limits, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(limits);
        Engine = engine;
        Limits = limits;
        Cancellation = cancellation;
        Inner = new Runtime.Store(engine.CreateStoreOptions(limits) with { Cancellation = cancellation });
    }

    /// <summary>
    /// A store for another thread of the program that runs in <paramref name="program"/> (wasi-threads: one store per
    /// thread, one program): same engine and cancellation token, and the host state (<see cref="GetOrAddState"/>,
    /// e.g. the WASI context with its fd table) is the program's, not its own. Disposing it leaves that state alone;
    /// it belongs to the program's first store.
    /// </summary>
    internal Store(Store program, StoreLimits limits)
        : this(program.Engine, limits, program.Cancellation)
    {
        _program = program.Program;
    }

    /// <summary>The store that owns this one's host state: itself, or the first store of its program (see above).</summary>
    internal Store Program => _program ?? this;

    /// <summary>The token given at construction (stores of spawned threads share it).</summary>
    internal CancellationToken Cancellation { get; }

    public Engine Engine { get; }

    public StoreLimits Limits { get; }

    internal Runtime.Store Inner { get; }

    /// <summary>Is WebAssembly code of this store running (on any thread)? Then instances cannot be disposed.</summary>
    internal bool IsRunning => Volatile.Read(ref _claim).Depth != 0 || ReferenceEquals(Volatile.Read(ref _claim), s_revoking);

    /// <summary>
    /// Fuel left (see <see cref="StoreLimits.WithFuel"/>): one unit per executed wasm instruction, charged per
    /// straight-line segment as it is entered. Identical in every execution strategy for the same program.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store does not meter fuel.</exception>
    public long Fuel
    {
        get
        {
            RequireFuel();
            return Volatile.Read(ref Inner.Limiter.Fuel);
        }
    }

    /// <summary>Adds <paramref name="fuel"/> (e.g. after a <see cref="WasmFuelExhaustedException"/>, to let the guest go on).</summary>
    /// <exception cref="InvalidOperationException">The store does not meter fuel.</exception>
    public void AddFuel(long fuel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fuel);
        RequireFuel();
        Interlocked.Add(ref Inner.Limiter.Fuel, fuel);
    }

    /// <summary>Sets the fuel left to <paramref name="fuel"/>.</summary>
    /// <exception cref="InvalidOperationException">The store does not meter fuel.</exception>
    public void SetFuel(long fuel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fuel);
        RequireFuel();
        Volatile.Write(ref Inner.Limiter.Fuel, fuel);
    }

    private void RequireFuel()
    {
        if (!Inner.Limiter.FuelEnabled)
        {
            throw new InvalidOperationException("this store does not meter fuel: create it with StoreLimits.WithFuel(...)");
        }
    }

    /// <summary>
    /// Stops the WebAssembly code running in this store, from any thread: it throws
    /// <see cref="WasmInterruptedException"/> at its next loop iteration or call (blocking waits wake up). Calls that
    /// start afterwards are not affected; with nothing running this does nothing.
    /// </summary>
    public void Interrupt()
    {
        if (IsRunning)
        {
            Inner.Limiter.RaiseInterrupt(Runtime.ExecutionLimiter.Requested);
        }
    }

    /// <summary>Live (not disposed) instances in the store.</summary>
    public int InstanceCount => Inner.LiveInstances;

    /// <summary>Bytes of linear memory the store's memories hold now.</summary>
    public long MemoryBytes => Inner.Scope.MemoryBytes;

    /// <summary>Per-store state of a host module (e.g. the WASI context), created on first use and disposed with the store.</summary>
    internal T GetOrAddState<T>(object key, Func<T> create)
        where T : class
    {
        if (!ReferenceEquals(Program, this))
        {
            return Program.GetOrAddState(key, create);
        }
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
