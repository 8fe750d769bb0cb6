using WasmJit.Runtime;

namespace WasmJit.Wasi;

// The runtime's store, not the public API's WasmJit.Store (which the enclosing namespace would find first).
using Store = WasmJit.Runtime.Store;

/// <summary>
/// wasi-threads (https://github.com/WebAssembly/wasi-threads): the <c>wasi</c> module's
/// <c>thread-spawn: (i32 start_arg) -&gt; i32 tid</c> import. Spawning creates a NEW instance of the same module with
/// the same imports (so over the same imported shared memory) and calls its exported
/// <c>wasi_thread_start(tid, start_arg)</c> on a new .NET thread; <c>thread-spawn</c> returns the new thread's id
/// (1 .. 0x1FFFFFFF, unique for the life of this object) or a negative value on failure (-EAGAIN: ids exhausted,
/// or the instance could not be created or has no proper <c>wasi_thread_start</c>).
/// <para>
/// An instance per thread is the runtime's store rule (Store.cs, Threading/RATIONALE.md): only the shared memory is
/// shared; the module's globals (e.g. its stack pointer) are per instance, which is what wasi-libc expects (it sets
/// the new thread's stack pointer in <c>wasi_thread_start</c>). How the instance is made is the front end's business:
/// <see cref="ForRuntime"/> instantiates in one runtime store, <c>Linker.DefineWasiThreads</c> (public API) in a
/// new public store per thread that belongs to the spawning program (one WASI context, one cancellation token), with
/// one <see cref="WasiThreads"/> per program.
/// </para>
/// <para>
/// wasi-threads says a trap or <c>proc_exit</c> in any thread ends every thread: the first such exception is kept in
/// <see cref="Failure"/> and reported through <see cref="ThreadFailed"/>; a host stops the other threads by
/// cancelling its store's <see cref="StoreOptions.Cancellation"/> (which interrupts loops, calls and parked waits),
/// then <see cref="JoinAll"/>. <c>wasmjit run</c> does so on the first proc_exit or trap of any thread and when
/// <c>_start</c> returns (src/WasmJit.Wasi/RATIONALE.md).
/// </para>
/// </summary>
internal sealed class WasiThreads
{
    public const string ModuleName = "wasi";
    public const string SpawnName = "thread-spawn";
    public const string StartExport = "wasi_thread_start";

    /// <summary>Largest thread id (wasi-threads: ids fit in 29 bits; the top bits are reserved for the libc).</summary>
    public const int MaxThreadId = 0x1FFF_FFFF;

    private static readonly FuncType s_spawnType = new([ValType.I32], [ValType.I32]);

    private readonly Func<int, Action<int, int>?> _createThread;
    private readonly object _lock = new();
    private readonly List<Thread> _threads = [];
    private int _lastId;
    private Exception? _failure;

    /// <param name="createThread">
    /// Makes the new thread's instance for a thread id (on the spawning thread) and returns what the new thread runs:
    /// its <c>wasi_thread_start(tid, start_arg)</c>. Null, or a <see cref="WasmException"/>, fails the spawn.
    /// </param>
    /// <param name="stackSize">.NET stack size of spawned threads (0: the default). The JIT tier recurses on it.</param>
    public WasiThreads(Func<int, Action<int, int>?> createThread, int stackSize = 0)
    {
        _createThread = createThread;
        StackSize = stackSize;
    }

    /// <summary>
    /// The runtime-level front end: every instance (the first one, <see cref="RuntimeThreads.Instantiate"/>, and one per
    /// spawned thread) is made in <paramref name="store"/> with <paramref name="imports"/> for everything but
    /// <c>wasi.thread-spawn</c>, which is bound here (so spawned threads can spawn too).
    /// </summary>
    public static RuntimeThreads ForRuntime(Store store, WasmModule module, Func<Import, ExternValue?> imports, int stackSize = 0) =>
        new(store, module, imports, stackSize);

    public int StackSize { get; }

    /// <summary>The first trap or exit of a spawned thread, or null.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Raised (on the failing thread) for every spawned thread that ends with an exception.</summary>
    public event Action<int, Exception>? ThreadFailed;

    /// <summary>A runtime host function for <c>wasi.thread-spawn</c> that spawns through this object.</summary>
    public HostFunction CreateSpawnFunction() =>
        FunctionInstance.FromHost(s_spawnType, args => [WasmValue.FromI32(Spawn(args[0].I32))], ModuleName + "." + SpawnName);

    /// <summary>thread-spawn: the new thread's id, or -EAGAIN.</summary>
    public int Spawn(int startArg)
    {
        int tid = Interlocked.Increment(ref _lastId);
        if (tid <= 0 || tid > MaxThreadId)
        {
            return -(int)Errno.Again;
        }
        Action<int, int>? start;
        try
        {
            start = _createThread(tid);
        }
        catch (Exception e) when (e is WasmException or InvalidCastException or KeyNotFoundException)
        {
            start = null;
        }
        if (start is null)
        {
            return -(int)Errno.Again;
        }
        var thread = new Thread(() => Run(tid, start, startArg), StackSize)
        {
            IsBackground = true,
            Name = $"wasi thread {tid}",
        };
        lock (_lock)
        {
            // Started under the lock: JoinAll must never see it listed but not yet alive.
            _threads.RemoveAll(t => !t.IsAlive);
            _threads.Add(thread);
            thread.Start();
        }
        return tid;
    }

    private void Run(int tid, Action<int, int> start, int startArg)
    {
        try
        {
            start(tid, startArg);
        }
        catch (Exception e)
        {
            // A trap, proc_exit (WasiExitException) or host error: the whole program is over (wasi-threads).
            Interlocked.CompareExchange(ref _failure, e, null);
            ThreadFailed?.Invoke(tid, e);
        }
    }

    /// <summary>Waits until every spawned thread (including ones spawned meanwhile) has ended; false on timeout.</summary>
    public bool JoinAll(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Thread? next;
            lock (_lock)
            {
                next = _threads.Find(t => t.IsAlive);
            }
            if (next is null)
            {
                return true;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !next.Join(left))
            {
                return false;
            }
        }
    }
}
