using WasmJit.Wasi;

namespace WasmJit;

/// <summary>
/// Binds wasi-threads (https://github.com/WebAssembly/wasi-threads) into a <see cref="Linker"/>: the
/// <c>wasi</c> <c>thread-spawn</c> import, over <see cref="WasiThreads"/>.
/// <para>
/// The public API's rule is one thread per store, so every spawned thread gets a NEW <see cref="Store"/> of the
/// linker's engine, in which the module is instantiated through the same linker: it imports the same shared
/// <see cref="Memory"/> (the linker accepts a shared memory defined from another store of the same engine, and only
/// that), and its other imports (e.g. WASI, with a context per store: standard streams and preopens come from the
/// same options) are bound to the new instance. The new thread calls <c>wasi_thread_start(tid, start_arg)</c> and
/// disposes its store when that returns. Keep the store that created the shared memory alive until every thread has
/// ended.
/// </para>
/// </summary>
public static class WasiThreadsLinkerExtensions
{
    /// <summary>
    /// Defines <c>wasi.thread-spawn</c> for <paramref name="module"/> (the module every spawned thread runs). A thread
    /// that traps or calls <c>proc_exit</c> is reported to <paramref name="onThreadFailure"/> (thread id, exception);
    /// wasi-threads says that ends the whole program, which is the host's to do.
    /// </summary>
    public static Linker DefineWasiThreads(this Linker linker, Module module, Action<int, Exception>? onThreadFailure = null, StoreLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(module);
        var threads = new WasiThreads(tid =>
        {
            var store = new Store(linker.Engine, limits ?? linker.Engine.Config.DefaultLimits);
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
        linker.DefineFunction(WasiThreads.ModuleName, WasiThreads.SpawnName, (int startArg) => threads.Spawn(startArg));
        return linker;
    }
}
