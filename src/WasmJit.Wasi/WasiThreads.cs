using WasmJit.Runtime;

namespace WasmJit.Wasi;

/// <summary>
/// wasi-threads (https://github.com/WebAssembly/wasi-threads): the <c>wasi</c> module's
/// <c>thread-spawn: (i32 start_arg) -&gt; i32 tid</c> import. Spawning instantiates the SAME module again, with the
/// same imports (so over the same imported shared memory), and calls the new instance's exported
/// <c>wasi_thread_start(tid, start_arg)</c> on a new .NET thread; <c>thread-spawn</c> returns the new thread's id
/// (1 .. 0x1FFFFFFF, unique for the life of this object) or a negative value on failure (-EAGAIN: ids exhausted,
/// or the instance could not be created).
/// <para>
/// The instance per thread is the store rule of the runtime (Store.cs, Threading/RATIONALE.md): instances are
/// created in the given store from any thread, each thread runs on its own stack, only the shared memory is shared
/// (the module's globals, e.g. its stack pointer, are per instance, which is what wasi-libc expects: it sets the
/// new thread's stack pointer in <c>wasi_thread_start</c>).
/// </para>
/// <para>
/// Independent of the embedding API: the resolver passed in supplies every other import (the shared memory, WASI
/// preview1, ...); this class adds <c>wasi.thread-spawn</c> itself, so spawned threads can spawn too. wasi-threads
/// says a trap or <c>proc_exit</c> in any thread ends every thread: the first such exception is kept in
/// <see cref="Failure"/> and reported through <see cref="ThreadFailed"/>; a host stops the others by cancelling its
/// store's <see cref="StoreOptions.Cancellation"/> (which interrupts parked waits).
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

    private readonly Store _store;
    private readonly WasmModule _module;
    private readonly Func<Import, ExternValue?> _imports;
    private readonly HostFunction _spawn;
    private readonly object _lock = new();
    private readonly List<Thread> _threads = [];
    private int _lastId;
    private Exception? _failure;

    public WasiThreads(Store store, WasmModule module, Func<Import, ExternValue?> imports, int stackSize = 0)
    {
        _store = store;
        _module = module;
        _imports = imports;
        StackSize = stackSize;
        _spawn = FunctionInstance.FromHost(s_spawnType, args => [WasmValue.FromI32(Spawn(args[0].I32))], ModuleName + "." + SpawnName);
    }

    /// <summary>.NET stack size of spawned threads (0: the default). The JIT tier recurses on it.</summary>
    public int StackSize { get; }

    /// <summary>The first trap or exit of a spawned thread, or null.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Raised (on the failing thread) for every spawned thread that ends with an exception.</summary>
    public event Action<int, Exception>? ThreadFailed;

    /// <summary>The <c>wasi.thread-spawn</c> host function (one for all instances).</summary>
    public FunctionInstance SpawnFunction => _spawn;

    /// <summary>Instantiates the module (the main thread's instance, or a spawned one) with thread-spawn bound.</summary>
    public ModuleInstance Instantiate(string? name = null) => _store.Instantiate(_module, Resolve, name);

    private ExternValue? Resolve(Import import) =>
        import.Module == ModuleName && import.Name == SpawnName && import.Kind == ExternKind.Func ? _spawn : _imports(import);

    /// <summary>thread-spawn: the new thread's id, or -EAGAIN.</summary>
    public int Spawn(int startArg)
    {
        int tid = Interlocked.Increment(ref _lastId);
        if (tid <= 0 || tid > MaxThreadId)
        {
            return -(int)Errno.Again;
        }
        FunctionInstance start;
        try
        {
            var instance = Instantiate($"thread {tid}");
            if (instance.GetExport(StartExport) is not FunctionInstance f
                || f.Type.Params is not [{ Kind: ValKind.I32 }, { Kind: ValKind.I32 }] || f.Type.Results.Length != 0)
            {
                return -(int)Errno.Again;
            }
            start = f;
        }
        catch (WasmException)
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

    private void Run(int tid, FunctionInstance start, int startArg)
    {
        try
        {
            start.Invoke([WasmValue.FromI32(tid), WasmValue.FromI32(startArg)]);
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
