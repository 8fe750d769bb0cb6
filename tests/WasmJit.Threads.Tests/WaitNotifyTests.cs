using System.Diagnostics;
using WasmJit.Runtime;
using Xunit.Abstractions;
using static WasmJit.Runtime.WasmValue;

namespace WasmJit.Threads.Tests;

// The runtime's store, not the public API's WasmJit.Store.
using Store = WasmJit.Runtime.Store;

/// <summary>memory.atomic.wait32/64 and notify through wasm: results, timeouts, wake-ups, interruption, trap order.</summary>
public sealed class WaitNotifyTests(ITestOutputHelper output)
{
    public static TheoryData<string> Engines => HammerTests.Engines;

    private static readonly MemoryType Shared1 = new(new Limits(1, 1), Shared: true, Is64: false);

    private const string WaitWat = """
        (module
          (import "env" "memory" (memory 1 1 shared))
          (func (export "wait32") (param $a i32) (param $v i32) (param $t i64) (result i32)
            (memory.atomic.wait32 (local.get $a) (local.get $v) (local.get $t)))
          (func (export "wait64") (param $a i32) (param $v i64) (param $t i64) (result i32)
            (memory.atomic.wait64 (local.get $a) (local.get $v) (local.get $t)))
          (func (export "notify") (param $a i32) (param $n i32) (result i32)
            (memory.atomic.notify (local.get $a) (local.get $n)))
          (func (export "store") (param $a i32) (param $v i32) (i32.atomic.store (local.get $a) (local.get $v))))
        """;

    [Theory]
    [MemberData(nameof(Engines))]
    public void WaitWithTimeoutReturnsTimedOutOnTime(string engine)
    {
        using var host = new SharedHost(WaitWat, Shared1, engine);
        var inst = host.Instantiate();
        const long TimeoutNs = 50_000_000;
        var sw = Stopwatch.StartNew();
        int r32 = SharedHost.Call(inst, "wait32", FromI32(0), FromI32(0), FromI64(TimeoutNs))[0].I32;
        var t32 = sw.Elapsed;
        sw.Restart();
        int r64 = SharedHost.Call(inst, "wait64", FromI32(8), FromI64(0), FromI64(TimeoutNs))[0].I32;
        var t64 = sw.Elapsed;
        output.WriteLine($"{engine}: 50 ms waits took {t32.TotalMilliseconds:F1} / {t64.TotalMilliseconds:F1} ms");
        Assert.Equal(2, r32);
        Assert.Equal(2, r64);
        // Never early; late only by what a loaded 2-core machine's scheduler adds (generous bound).
        Assert.True(t32.TotalMilliseconds >= 50, $"wait32 returned after {t32.TotalMilliseconds} ms");
        Assert.True(t64.TotalMilliseconds >= 50, $"wait64 returned after {t64.TotalMilliseconds} ms");
        Assert.True(t32.TotalSeconds < 10 && t64.TotalSeconds < 10);
        Assert.Equal(0, host.Memory.WaitQueues!.WaiterCount(0));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void WaitOnAnotherValueReturnsNotEqualAndZeroTimeoutTimesOut(string engine)
    {
        using var host = new SharedHost(WaitWat, Shared1, engine);
        var inst = host.Instantiate();
        SharedHost.Call(inst, "store", FromI32(0), FromI32(7));
        Assert.Equal(1, SharedHost.Call(inst, "wait32", FromI32(0), FromI32(6), FromI64(-1))[0].I32);
        Assert.Equal(1, SharedHost.Call(inst, "wait64", FromI32(0), FromI64(0x1_0000_0007), FromI64(-1))[0].I32);
        Assert.Equal(2, SharedHost.Call(inst, "wait32", FromI32(0), FromI32(7), FromI64(0))[0].I32);
        Assert.Equal(0, SharedHost.Call(inst, "notify", FromI32(0), FromI32(-1))[0].I32);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void NotifyWakesWaitersOnOtherThreads(string engine)
    {
        const int Waiters = 3;
        using var host = new SharedHost(WaitWat, Shared1, engine);
        var results = new int[Waiters];
        var threads = Enumerable.Range(0, Waiters).Select(i => new Thread(() =>
        {
            var inst = host.Instantiate();
            results[i] = SharedHost.Call(inst, "wait32", FromI32(16), FromI32(0), FromI64(-1))[0].I32;
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }
        var main = host.Instantiate();
        var sw = Stopwatch.StartNew();
        while (host.Memory.WaitQueues!.WaiterCount(16) < Waiters)
        {
            Assert.True(sw.Elapsed.TotalSeconds < 30, "waiters never parked");
            Thread.Sleep(1);
        }
        Assert.Equal(0, SharedHost.Call(main, "notify", FromI32(20), FromI32(-1))[0].I32);
        Assert.Equal(1, SharedHost.Call(main, "notify", FromI32(16), FromI32(1))[0].I32);
        Assert.Equal(2, SharedHost.Call(main, "notify", FromI32(16), FromI32(5))[0].I32);
        foreach (var t in threads)
        {
            Assert.True(t.Join(TimeSpan.FromSeconds(30)));
        }
        Assert.All(results, r => Assert.Equal(0, r));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void CancellingTheStoreInterruptsAnEndlessWait(string engine)
    {
        using var cts = new CancellationTokenSource();
        using var host = new SharedHost(WaitWat, Shared1, engine, cts.Token);
        Exception? caught = null;
        var waiter = new Thread(() =>
        {
            try
            {
                SharedHost.Call(host.Instantiate(), "wait32", FromI32(0), FromI32(0), FromI64(-1));
            }
            catch (Exception e)
            {
                caught = e;
            }
        });
        waiter.Start();
        var sw = Stopwatch.StartNew();
        while (host.Memory.WaitQueues!.WaiterCount(0) == 0)
        {
            Assert.True(sw.Elapsed.TotalSeconds < 30, "the waiter never parked");
            Thread.Sleep(1);
        }
        cts.Cancel();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(30)));
        // The store's own interrupt exception (a trap of kind Interrupted that says it was the cancellation).
        var trap = Assert.IsType<WasmInterruptedException>(caught);
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
        Assert.True(trap.Cancelled);
        Assert.Equal(0, host.Memory.WaitQueues.WaiterCount(0));
    }

    private const string TrapOrderWat = """
        (module
          (memory 1 1)
          (func (export "wait32") (param $a i32) (result i32)
            (memory.atomic.wait32 (local.get $a) (i32.const 0) (i64.const 0)))
          (func (export "notify") (param $a i32) (result i32) (memory.atomic.notify (local.get $a) (i32.const 1)))
          (func (export "load") (param $a i32) (result i32) (i32.atomic.load offset=1 (local.get $a)))
          (func (export "add16") (param $a i32) (result i32) (i32.atomic.rmw16.add_u (local.get $a) (i32.const 5))))
        """;

    [Theory]
    [MemberData(nameof(Engines))]
    public void TrapsComeInTheSpecOrderAndUnsharedAtomicsWork(string engine)
    {
        var module = ModuleLoader.DecodeAndValidate(Text.WatParser.ParseModule(TrapOrderWat), WasmFeatures.Default);
        using var store = new Store(new StoreOptions { Engine = SharedHost.EngineOf(engine) });
        var inst = store.Instantiate(module, _ => null);
        TrapKind Trap(string f, int a) => Assert.Throws<WasmTrapException>(() => SharedHost.Call(inst, f, FromI32(a))).Kind;

        // Out of bounds first, then unaligned (the effective address counts the offset), then unshared.
        Assert.Equal(TrapKind.MemoryOutOfBounds, Trap("load", 65533));
        Assert.Equal(TrapKind.UnalignedAtomic, Trap("load", 65530));
        Assert.Equal(TrapKind.UnalignedAtomic, Trap("load", 0));
        Assert.Equal(TrapKind.MemoryOutOfBounds, Trap("wait32", 65535));
        Assert.Equal(TrapKind.UnalignedAtomic, Trap("wait32", 2));
        Assert.Equal(TrapKind.ExpectedSharedMemory, Trap("wait32", 4));
        Assert.Equal(TrapKind.UnalignedAtomic, Trap("notify", 1));
        // On an unshared memory notify wakes nobody, and rmw works as on one thread.
        Assert.Equal(0, SharedHost.Call(inst, "notify", FromI32(4))[0].I32);
        Assert.Equal(0, SharedHost.Call(inst, "load", FromI32(3))[0].I32);
        Assert.Equal(0, SharedHost.Call(inst, "add16", FromI32(4))[0].I32);
        Assert.Equal(5, SharedHost.Call(inst, "add16", FromI32(4))[0].I32);
        Assert.Equal(10, SharedHost.Call(inst, "load", FromI32(3))[0].I32);
    }
}
