using WasmJit.Runtime;
using WasmJit.Wasi;
using static WasmJit.Runtime.WasmValue;

namespace WasmJit.Threads.Tests;

// The runtime's store, not the public API's WasmJit.Store.
using Store = WasmJit.Runtime.Store;

/// <summary>wasi-threads' thread-spawn: a new instance of the module per thread over the same shared memory.</summary>
public sealed class WasiThreadsTests
{
    public static TheoryData<string> Engines => HammerTests.Engines;

    private const string SpawnWat = """
        (module
          (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
          (import "env" "memory" (memory 1 1 shared))
          ;; 0: sum of start args   4: threads finished   8: sum of tids   12: 1 if a thread saw another's global
          (global $mine (mut i32) (i32.const 0))
          (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
            ;; globals are per instance, so per thread: nobody else's tid can be here
            (if (global.get $mine) (then (i32.atomic.store (i32.const 12) (i32.const 1))))
            (global.set $mine (local.get $tid))
            (if (i32.eq (local.get $arg) (i32.const 666)) (then unreachable))
            ;; start arg 0: spawn a grandchild with start arg 100 (spawned threads can spawn)
            (if (i32.eqz (local.get $arg)) (then (drop (call $spawn (i32.const 100)))))
            (drop (i32.atomic.rmw.add (i32.const 0) (local.get $arg)))
            (drop (i32.atomic.rmw.add (i32.const 8) (local.get $tid)))
            (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
            (drop (memory.atomic.notify (i32.const 4) (i32.const -1))))
          (func (export "spawn") (param $arg i32) (result i32) (call $spawn (local.get $arg)))
          ;; blocks in memory.atomic.wait32 until n threads have finished (0), or 2 after 20 s without progress
          (func (export "wait_done") (param $n i32) (result i32)
            (local $d i32)
            (loop $again
              (local.set $d (i32.atomic.load (i32.const 4)))
              (if (i32.ge_u (local.get $d) (local.get $n)) (then (return (i32.const 0))))
              (if (i32.eq (memory.atomic.wait32 (i32.const 4) (local.get $d) (i64.const 20000000000)) (i32.const 2))
                (then (return (i32.const 2))))
              (br $again))
            (unreachable))
          (func (export "get") (param $a i32) (result i32) (i32.atomic.load (local.get $a))))
        """;

    private static (SharedHost Host, WasiThreads Threads, ModuleInstance Main) Start(string engine)
    {
        var host = new SharedHost(SpawnWat, new MemoryType(new Limits(1, 1), true, false), engine);
        var runtime = WasiThreads.ForRuntime(host.NewStore(), host.Module, i => i.Module == "env" && i.Name == "memory" ? host.Memory : null);
        return (host, runtime.Threads, runtime.Instantiate("main"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void SpawnRunsWasiThreadStartOnNewThreadsOverTheSharedMemory(string engine)
    {
        const int N = 6;
        var (host, threads, main) = Start(engine);
        using var _ = host;
        var tids = new List<int>();
        for (int arg = 0; arg < N; arg++)
        {
            tids.Add(SharedHost.Call(main, "spawn", FromI32(arg))[0].I32);
        }
        Assert.Equal(0, SharedHost.Call(main, "wait_done", FromI32(N + 1))[0].I32);
        Assert.True(threads.JoinAll(TimeSpan.FromSeconds(30)));
        Assert.Null(threads.Failure);

        // N spawns from the main instance plus one grandchild: ids 1..N+1, each exactly once.
        Assert.All(tids, t => Assert.InRange(t, 1, WasiThreads.MaxThreadId));
        Assert.Equal(N, tids.Distinct().Count());
        Assert.Equal((N + 1) * (N + 2) / 2, SharedHost.Call(main, "get", FromI32(8))[0].I32);
        Assert.Equal(N * (N - 1) / 2 + 100, SharedHost.Call(main, "get", FromI32(0))[0].I32);
        Assert.Equal(0, SharedHost.Call(main, "get", FromI32(12))[0].I32);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ATrapInASpawnedThreadIsReported(string engine)
    {
        var (host, threads, main) = Start(engine);
        using var _ = host;
        int failedTid = 0;
        threads.ThreadFailed += (tid, _) => failedTid = tid;
        int tid = SharedHost.Call(main, "spawn", FromI32(666))[0].I32;
        Assert.True(threads.JoinAll(TimeSpan.FromSeconds(30)));
        var trap = Assert.IsType<WasmTrapException>(threads.Failure);
        Assert.Equal(TrapKind.Unreachable, trap.Kind);
        Assert.Equal(tid, failedTid);
    }

    [Fact]
    public void SpawnFailsWithMinusEagainWhenTheModuleHasNoThreadEntry()
    {
        using var host = new SharedHost("""
            (module
              (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
              (import "env" "memory" (memory 1 1 shared))
              (func (export "spawn") (param i32) (result i32) (call $spawn (local.get 0))))
            """, new MemoryType(new Limits(1, 1), true, false));
        var runtime = WasiThreads.ForRuntime(host.NewStore(), host.Module, i => i.Name == "memory" ? host.Memory : null);
        Assert.Equal(-6, SharedHost.Call(runtime.Instantiate(), "spawn", FromI32(1))[0].I32);
        Assert.True(runtime.Threads.JoinAll(TimeSpan.Zero));
    }

    [Fact]
    public void LinkerDefineWasiThreadsSpawnsAStorePerThreadOverTheSharedMemory()
    {
        // Through the public API: the linker defines the shared memory (of the main store) and thread-spawn; each
        // spawned thread instantiates the module in its own store, importing that same memory.
        const int N = 4;
        var engine = new Engine();
        var module = Module.FromText(engine, SpawnWat);
        using var store = new WasmJit.Store(engine);
        var memory = new Memory(store, 1, 1, shared: true);
        var failures = new List<Exception>();
        var linker = new Linker(engine)
            .Define("env", "memory", memory)
            .DefineWasiThreads(module, (_, e) => { lock (failures) { failures.Add(e); } });
        var main = linker.Instantiate(store, module);
        var spawn = main.GetFunction<int, int>("spawn");
        var tids = Enumerable.Range(1, N).Select(arg => spawn(arg)).ToArray();
        Assert.All(tids, t => Assert.InRange(t, 1, WasiThreads.MaxThreadId));
        Assert.Equal(0, main.GetFunction<int, int>("wait_done")(N));
        Assert.Equal(N * (N + 1) / 2, memory.Read<int>(0));
        Assert.Equal(tids.Sum(), memory.Read<int>(8));
        Assert.Equal(0, memory.Read<int>(12));
        lock (failures)
        {
            Assert.Empty(failures);
        }
    }
}
