using WasmJit.Runtime;
using Xunit.Abstractions;
using static WasmJit.Runtime.WasmValue;

namespace WasmJit.Threads.Tests;

// The runtime's store, not the public API's WasmJit.Store.
using Store = WasmJit.Runtime.Store;

/// <summary>
/// Hammer tests through wasm itself: N threads, each with its own instance over one shared memory, run M iterations
/// of atomic instructions; the invariant is checked at the end. Sized for 2 busy cores (each prints size and time).
/// </summary>
public sealed class HammerTests(ITestOutputHelper output)
{
    private const int Threads = 4;

    /// <summary>The engines the threads tests run on.</summary>
    public static TheoryData<string> Engines => new() { "interp", "jit", "tiered" };

    private static readonly MemoryType Shared1 = new(new Limits(1, 1), Shared: true, Is64: false);

    private const string CounterWat = """
        (module
          (import "env" "memory" (memory 1 1 shared))
          ;; n times: +1 on the i32 at 0 (rmw.add), -1 on the i32 at 4 (rmw.sub), +1 on the i64 at 8, +1 on the byte
          ;; at 16 that all threads share (rmw8), +1 on this thread's u16 lane at 32 + 2*lane (rmw16: the neighbours
          ;; are other threads' lanes, so a widened write would lose their updates), set bit `lane` of the i64 at 24
          ;; (rmw.or), flip bit `lane` of the i32 at 20 (rmw.xor), and +1 on the i32 at 64 by a cmpxchg retry loop.
          (func (export "inc") (param $n i32) (param $lane i32)
            (local $old i32) (local $seen i32)
            (loop $l
              (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
              (drop (i32.atomic.rmw.sub (i32.const 4) (i32.const 1)))
              (drop (i64.atomic.rmw.add (i32.const 8) (i64.const 1)))
              (drop (i32.atomic.rmw8.add_u (i32.const 16) (i32.const 1)))
              (drop (i32.atomic.rmw16.add_u
                (i32.add (i32.const 32) (i32.shl (local.get $lane) (i32.const 1))) (i32.const 1)))
              (drop (i64.atomic.rmw.or (i32.const 24) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $lane)))))
              (drop (i32.atomic.rmw.xor (i32.const 20) (i32.shl (i32.const 1) (local.get $lane))))
              (local.set $old (i32.atomic.load (i32.const 64)))
              (loop $retry
                (local.set $seen (i32.atomic.rmw.cmpxchg (i32.const 64) (local.get $old)
                  (i32.add (local.get $old) (i32.const 1))))
                (if (i32.ne (local.get $seen) (local.get $old))
                  (then (local.set $old (local.get $seen)) (br $retry))))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
          (func (export "i32") (param $a i32) (result i32) (i32.atomic.load (local.get $a)))
          (func (export "i64") (param $a i32) (result i64) (i64.atomic.load (local.get $a)))
          (func (export "u8") (param $a i32) (result i32) (i32.atomic.load8_u (local.get $a)))
          (func (export "u16") (param $a i32) (result i32) (i32.atomic.load16_u (local.get $a))))
        """;

    [Theory]
    [MemberData(nameof(Engines))]
    public void AtomicCountersAddUp(string engine)
    {
        const int M = 20_000;
        using var host = new SharedHost(CounterWat, Shared1, engine);
        var instances = Enumerable.Range(0, Threads).Select(_ => host.Instantiate()).ToArray();
        var time = SharedHost.RunThreads(Threads, t => SharedHost.Call(instances[t], "inc", FromI32(M), FromI32(t)));
        if (engine == "jit")
        {
            // Really compiled, not left to the interpreter as unsupported.
            Assert.IsType<WasmJit.Jit.JitCode>(((WasmFunction)instances[0].GetExport("inc")!).Code);
        }
        output.WriteLine($"{engine}: {Threads} threads x {M} iterations x 8 atomics in {time.TotalMilliseconds:F0} ms");

        var check = host.Instantiate();
        int I32(int a) => SharedHost.Call(check, "i32", FromI32(a))[0].I32;
        long I64(int a) => SharedHost.Call(check, "i64", FromI32(a))[0].I64;
        int U8(int a) => SharedHost.Call(check, "u8", FromI32(a))[0].I32;
        int U16(int a) => SharedHost.Call(check, "u16", FromI32(a))[0].I32;
        const int Total = Threads * M;
        Assert.Equal(Total, I32(0));
        Assert.Equal(-Total, I32(4));
        Assert.Equal(Total, I64(8));
        Assert.Equal(Total & 0xff, U8(16));
        Assert.Equal(0, U8(17));
        for (int t = 0; t < Threads; t++)
        {
            Assert.Equal(M & 0xffff, U16(32 + 2 * t));
        }
        Assert.Equal(0, U16(32 + 2 * Threads));
        Assert.Equal((1L << Threads) - 1, I64(24));
        Assert.Equal((M & 1) == 0 ? 0 : (1 << Threads) - 1, I32(20));
        Assert.Equal(Total, I32(64));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void CountersAddUpWithAStorePerThread(string engine)
    {
        // The other store shape: each thread instantiates in its own store; only the memory is shared.
        const int M = 10_000;
        using var host = new SharedHost(CounterWat, Shared1, engine);
        SharedHost.RunThreads(Threads, t =>
        {
            var inst = host.Instantiate(host.NewStore());
            SharedHost.Call(inst, "inc", FromI32(M), FromI32(t));
        });
        var check = host.Instantiate();
        Assert.Equal(Threads * M, SharedHost.Call(check, "i32", FromI32(0))[0].I32);
        Assert.Equal(Threads * M, SharedHost.Call(check, "i32", FromI32(64))[0].I32);
    }

    private const string MutexWat = """
        (module
          (import "env" "memory" (memory 1 1 shared))
          ;; 0: the mutex (0 free, 1 locked, 2 locked and maybe waited on; Drepper's "Futexes Are Tricky" mutex 2)
          ;; 4: a counter read and written with PLAIN loads and stores, only ever under the mutex
          ;; 8: how many times a thread went to sleep in memory.atomic.wait32 (atomic)
          (func $lock (export "lock")
            (local $c i32)
            (local.set $c (i32.atomic.rmw.cmpxchg (i32.const 0) (i32.const 0) (i32.const 1)))
            (if (local.get $c)
              (then
                (if (i32.ne (local.get $c) (i32.const 2))
                  (then (local.set $c (i32.atomic.rmw.xchg (i32.const 0) (i32.const 2)))))
                (block $done
                  (loop $wait
                    (br_if $done (i32.eqz (local.get $c)))
                    (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 1)))
                    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 2) (i64.const -1)))
                    (local.set $c (i32.atomic.rmw.xchg (i32.const 0) (i32.const 2)))
                    (br $wait))))))
          (func $unlock (export "unlock")
            (if (i32.ne (i32.atomic.rmw.sub (i32.const 0) (i32.const 1)) (i32.const 1))
              (then
                (i32.atomic.store (i32.const 0) (i32.const 0))
                (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))))
          ;; n times: lock, counter := counter + 1 with a little work between the load and the store (a wide race
          ;; window if the mutex were broken), unlock.
          (func (export "work") (param $n i32)
            (local $v i32) (local $spin i32)
            (loop $l
              (call $lock)
              (local.set $v (i32.load (i32.const 4)))
              (local.set $spin (i32.const 200))
              (loop $s (br_if $s (local.tee $spin (i32.sub (local.get $spin) (i32.const 1)))))
              (i32.store (i32.const 4) (i32.add (local.get $v) (i32.const 1)))
              (call $unlock)
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
          (func (export "get") (param $a i32) (result i32) (i32.atomic.load (local.get $a))))
        """;

    [Theory]
    [MemberData(nameof(Engines))]
    public void MutexOfCmpxchgAndWaitNotifyProtectsAPlainCounter(string engine)
    {
        const int M = 3_000;
        using var host = new SharedHost(MutexWat, Shared1, engine);
        var instances = Enumerable.Range(0, Threads).Select(_ => host.Instantiate()).ToArray();
        var time = SharedHost.RunThreads(Threads, t => SharedHost.Call(instances[t], "work", FromI32(M)));
        var check = host.Instantiate();
        int counter = SharedHost.Call(check, "get", FromI32(4))[0].I32;
        int sleeps = SharedHost.Call(check, "get", FromI32(8))[0].I32;
        output.WriteLine($"{engine}: {Threads} threads x {M} lock/unlock in {time.TotalMilliseconds:F0} ms, {sleeps} waits");
        Assert.Equal(Threads * M, counter);
        Assert.Equal(0, SharedHost.Call(check, "get", FromI32(0))[0].I32);
        Assert.Equal(0, host.Memory.WaitQueues!.WaiterCount(0));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void MutexSleepsWhileHeldAndWakesOnUnlock(string engine)
    {
        // The contended path deterministically: the main thread holds the mutex, a worker must park in wait32.
        using var host = new SharedHost(MutexWat, Shared1, engine);
        var main = host.Instantiate();
        SharedHost.Call(main, "lock");
        var worker = new Thread(() => SharedHost.Call(host.Instantiate(), "work", FromI32(1)));
        worker.Start();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (host.Memory.WaitQueues!.WaiterCount(0) == 0)
        {
            Assert.True(sw.Elapsed.TotalSeconds < 30, "the worker never parked");
            Thread.Sleep(1);
        }
        Assert.Equal(0, SharedHost.Call(main, "get", FromI32(4))[0].I32);
        Assert.Equal(2, SharedHost.Call(main, "get", FromI32(0))[0].I32);
        SharedHost.Call(main, "unlock");
        Assert.True(worker.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, SharedHost.Call(main, "get", FromI32(4))[0].I32);
        Assert.Equal(1, SharedHost.Call(main, "get", FromI32(8))[0].I32);
        Assert.Equal(0, SharedHost.Call(main, "get", FromI32(0))[0].I32);
    }

    private const string GrowWat = """
        (module
          (import "env" "memory" (memory 1 64 shared))
          (func (export "grow") (result i32) (memory.grow (i32.const 1)))
          ;; n times: store the address into the last word of the memory's current size and read it back; a
          ;; word's value only ever is its own address, so any other value (or a trap) means a torn grow.
          (func (export "poke") (param $n i32) (result i32)
            (local $a i32) (local $bad i32)
            (loop $l
              (local.set $a (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 4)))
              (i32.atomic.store (local.get $a) (local.get $a))
              (if (i32.ne (i32.atomic.load (local.get $a)) (local.get $a))
                (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
              (i32.store (local.get $a) (local.get $a))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $bad)))
        """;

    [Theory]
    [MemberData(nameof(Engines))]
    public void SharedMemoryGrowsUnderConcurrentAccess(string engine)
    {
        using var host = new SharedHost(GrowWat, new MemoryType(new Limits(1, 64), true, false), engine);
        var baseBefore = host.Memory.ReservedBytes;
        var olds = new List<int>[2] { [], [] };
        int bad = 0;
        SharedHost.RunThreads(4, t =>
        {
            var inst = host.Instantiate();
            if (t < 2)
            {
                // Two growers race: every old size 1..63 is returned exactly once, then -1.
                while (true)
                {
                    int r = SharedHost.Call(inst, "grow")[0].I32;
                    if (r < 0)
                    {
                        break;
                    }
                    olds[t].Add(r);
                    Thread.Yield();
                }
            }
            else
            {
                Interlocked.Add(ref bad, SharedHost.Call(inst, "poke", FromI32(50_000))[0].I32);
            }
        });
        Assert.Equal(0, bad);
        Assert.Equal(Enumerable.Range(1, 63), olds[0].Concat(olds[1]).Order());
        Assert.Equal(64UL << 16, host.Memory.ByteLength);
        Assert.Equal(baseBefore, host.Memory.ReservedBytes);
    }

    [Fact]
    public unsafe void SharedMemoryIsReservedWholeAndNeverMoves()
    {
        using var host = new SharedHost(GrowWat, new MemoryType(new Limits(1, 64), true, false));
        byte* before = host.Memory.Base;
        Assert.Equal(64UL << 16, host.Memory.ReservedBytes);
        var inst = host.Instantiate();
        for (int i = 1; i < 64; i++)
        {
            Assert.Equal(i, SharedHost.Call(inst, "grow")[0].I32);
        }
        Assert.True(before == host.Memory.Base);
        Assert.NotNull(host.Memory.WaitQueues);
    }

    private const string LateGrowWat = """
        (module
          (import "env" "memory" (memory 1 4 shared))
          (func (export "grow") (result i32) (memory.grow (i32.const 1)))
          ;; After a grow: a plain store into the new page, then a flag that releases the reader.
          (func (export "publish")
            (i32.store (i32.const 65540) (i32.const 1234))
            (i32.atomic.store (i32.const 0) (i32.const 1)))
          ;; Entered while the memory is one page: spins on the flag with PLAIN loads (what C's `volatile` compiles to;
          ;; no atomic access, call or memory.grow that would make compiled code re-read the memory's length), then a
          ;; plain load from the second page.
          (func (export "load_after_flag") (result i32)
            (loop $wait (br_if $wait (i32.eqz (i32.load (i32.const 0)))))
            (i32.load (i32.const 65540))))
        """;

    [Theory]
    [MemberData(nameof(Engines))]
    public void PlainLoadSeesPagesAnotherThreadGrew(string engine)
    {
        using var host = new SharedHost(LateGrowWat, new MemoryType(new Limits(1, 4), true, false), engine);
        var reader = host.Instantiate();
        var writer = host.Instantiate();
        int result = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = SharedHost.Call(reader, "load_after_flag")[0].I32;
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Thread.Sleep(50); // let the reader enter and spin with the one-page length it started with
        Assert.Equal(1, SharedHost.Call(writer, "grow")[0].I32);
        SharedHost.Call(writer, "publish");
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "the reader never saw the flag");
        Assert.Null(failure);
        Assert.Equal(1234, result);
    }
}
