using WasmJit.Wasi;

namespace WasmJit;

/// <summary>
/// Binds wasi-threads (https://github.com/WebAssembly/wasi-threads) into a <see cref="Linker"/>: the
/// <c>wasi</c> <c>thread-spawn</c> import, over <see cref="WasiThreads"/>.
/// <para>
/// The public API's rule is one thread per store, so every spawned thread gets a NEW <see cref="Store"/> of the
/// linker's engine, in which the module is instantiated through the same linker: it imports the same shared
/// <see cref="Memory"/> (the linker accepts a shared memory defined from another store of the same engine, and only
/// that). That store belongs to the same PROGRAM as the store that spawned it: it shares the program's cancellation
/// token (cancel the first store's token to stop every thread: loops and <c>memory.atomic.wait</c> end with
/// <see cref="WasmInterruptedException"/>) and its host state, so WASI (<c>DefineWasi</c>) sees one context, one fd
/// table, for all threads, as wasi-threads requires (a file opened on one thread is usable on every other). Thread
/// ids and the first failure are per program too. The new thread calls <c>wasi_thread_start(tid, start_arg)</c>
/// and disposes its store when that returns. Keep the program's first store (the one that created the shared
/// memory and owns the WASI context) alive until every thread has ended.
/// </para>
/// </summary>
public static class WasiThreadsLinkerExtensions
{
    /// <summary>
    /// Defines <c>wasi.thread-spawn</c> for <paramref name="module"/> (the module every spawned thread runs). A thread
    /// that traps or calls <c>proc_exit</c> is reported to <paramref name="onThreadFailure"/> (thread id, exception);
    /// wasi-threads says that ends the whole program, which is the host's to do (e.g. by cancelling the program's
    /// token, which stops the other threads). Spawned threads' stores get <paramref name="limits"/>, by default the
    /// spawning store's.
    /// </summary>
    public static Linker DefineWasiThreads(this Linker linker, Module module, Action<int, Exception>? onThreadFailure = null, StoreLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(module);
        var binding = new ThreadsBinding(linker, module, onThreadFailure, limits);
        linker.DefineFunction(WasiThreads.ModuleName, WasiThreads.SpawnName, (Caller caller, int startArg) => binding.For(caller.Store).Spawn(startArg));
        return linker;
    }

    /// <summary>
    /// Waits until every thread that <c>DefineWasiThreads</c> spawned for the program of <paramref name="store"/>
    /// (including threads spawned meanwhile) has ended; true if none is left, false on timeout.
    /// </summary>
    internal static bool JoinWasiThreads(Store store, TimeSpan timeout)
    {
        var registry = Registry(store);
        List<WasiThreads> all;
        lock (registry)
        {
            all = [.. registry];
        }
        var deadline = DateTime.UtcNow + timeout;
        foreach (var threads in all)
        {
            var left = deadline - DateTime.UtcNow;
            if (!threads.JoinAll(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Key of the program's list of spawners (one per <c>DefineWasiThreads</c> it uses), for <see cref="JoinWasiThreads"/>.</summary>
    private static readonly object s_registryKey = new();

    private static List<WasiThreads> Registry(Store store) => store.GetOrAddState(s_registryKey, () => new List<WasiThreads>());

    /// <summary>One <c>DefineWasiThreads</c>: makes a <see cref="WasiThreads"/> per program, kept in its host state.</summary>
    private sealed class ThreadsBinding(Linker linker, Module module, Action<int, Exception>? onThreadFailure, StoreLimits? limits)
    {
        public WasiThreads For(Store store) => store.GetOrAddState(this, () => Create(store.Program, limits ?? store.Limits));

        private WasiThreads Create(Store program, StoreLimits threadLimits)
        {
            var threads = new WasiThreads(tid =>
            {
                var store = new Store(program, threadLimits);
                try
                {
                    var start = linker.Instantiate(store, module).GetAction<int, int>(WasiThreads.StartExport);
                    return (t, arg) =>
                    {
                        try
                        {
                            start(t, arg);
                        }
                        finally
                        {
                            store.Dispose();
                        }
                    };
                }
                catch
                {
                    store.Dispose();
                    throw;
                }
            });
            if (onThreadFailure is not null)
            {
                threads.ThreadFailed += onThreadFailure;
            }
            var registry = Registry(program);
            lock (registry)
            {
                registry.Add(threads);
            }
            return threads;
        }
    }
}
