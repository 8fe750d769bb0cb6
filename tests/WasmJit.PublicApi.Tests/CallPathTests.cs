using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Runtime.Intrinsics;

namespace WasmJit.PublicApi.Tests;

/// <summary>
/// The call paths between host and wasm in every strategy: typed delegates into interpreted and compiled code (also
/// one made before its function tiered up), typed host functions called from compiled code, traps and host
/// exceptions on those paths, the store's thread claim under contention, and no allocation per call (measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>, which is exact for the calling thread).
/// </summary>
public sealed class CallPathTests
{
    private const string Wat = """
        (module
          (import "host" "add" (func $hadd (param i32 i32) (result i32)))
          (import "host" "mix" (func $hmix (param i64 f32 f64) (result f64)))
          (import "host" "note" (func $note (param i32)))
          (import "host" "peek" (func $peek (param i32) (result i32)))
          (memory (export "memory") 1)
          (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func $mix (export "mix") (param i64 f32 f64) (result f64)
            (f64.add (f64.convert_i64_s (local.get 0)) (f64.mul (f64.promote_f32 (local.get 1)) (local.get 2))))
          (func $store (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func $lanes (export "lanes") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
          (func $div (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func $callHost (export "callHost") (param $n i32) (result i32) (local $acc i32)
            (loop $l
              (local.set $acc (call $hadd (local.get $acc) (local.get $n)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $acc))
          (func $callMix (export "callMix") (param i64 f32 f64) (result f64) (call $hmix (local.get 0) (local.get 1) (local.get 2)))
          (func $callNote (export "callNote") (param i32) (call $note (local.get 0)))
          (func $callPeek (export "callPeek") (param i32) (result i32) (call $peek (local.get 0))))
        """;

    public static TheoryData<ExecutionStrategy> Strategies =>
        new() { ExecutionStrategy.Interpreter, ExecutionStrategy.Jit, ExecutionStrategy.Tiered };

    private static Engine EngineFor(ExecutionStrategy strategy) =>
        new(EngineConfig.Default.WithStrategy(strategy).WithTierUpThresholds(50, 500));

    private sealed class Host
    {
        public int Notes;
        public int LastNote;
        public Exception? Throw;

        public Linker Define(Linker linker) => linker
            .DefineFunction<int, int, int>("host", "add", (a, b) => a + (b & 7))
            .DefineFunction<long, float, double, double>("host", "mix", (a, b, c) => a - (b * c))
            .DefineFunction<int>("host", "note", v =>
            {
                Notes++;
                LastNote = v;
            })
            .DefineFunction<int, int>("host", "peek", (Caller caller, int address) =>
            {
                if (Throw is { } e)
                {
                    throw e;
                }
                return caller.GetMemory()!.Read<int>(address);
            });
    }

    private static int HostLoop(int n)
    {
        int acc = 0;
        for (; n != 0; n--)
        {
            acc += n & 7;
        }
        return acc;
    }

    private static Instance Create(Store store, Host host, string name) =>
        host.Define(new Linker(store.Engine)).Instantiate(store, Module.FromText(store.Engine, Wat, name));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TypedCallsBothWaysAreExact(ExecutionStrategy strategy)
    {
        var host = new Host();
        using var store = new Store(EngineFor(strategy));
        var instance = Create(store, host, "exact");
        var add = instance.GetFunction<int, int, int>("add");
        var addUnsigned = instance.GetFunction<uint, uint, uint>("add");
        var mix = instance.GetFunction<long, float, double, double>("mix");
        var callMix = instance.GetFunction<long, float, double, double>("callMix");
        var lanes = instance.GetFunction<Vector128<byte>, Vector128<byte>, Vector128<byte>>("lanes");
        var store32 = instance.GetAction<int, int>("store");
        var callHost = instance.GetFunction<int, int>("callHost");
        var callNote = instance.GetAction<int>("callNote");
        var callPeek = instance.GetFunction<int, int>("callPeek");

        // Enough rounds for the tiered engine to compile everything on the way (thresholds 50 calls, 500 back-edges).
        for (int round = 0; round < 200; round++)
        {
            Assert.Equal(round + 1, add(round, 1));
            Assert.Equal(int.MinValue, add(int.MaxValue, 1));
            Assert.Equal(0u, addUnsigned(uint.MaxValue, 1));
            Assert.Equal(round + (2.5 * 4.0), mix(round, 2.5f, 4.0));
            Assert.Equal(round - (2.5 * 4.0), callMix(round, 2.5f, 4.0));
            var x = Vector128.Create(1, -1, int.MaxValue, round).AsByte();
            var y = Vector128.Create(2, 1, 1, round).AsByte();
            Assert.Equal(Vector128.Create(3, 0, int.MinValue, 2 * round), lanes(x, y).AsInt32());
            store32(64, round * 3);
            Assert.Equal(round * 3, instance.GetMemory("memory")!.Read<int>(64));
            Assert.Equal(round * 3, callPeek(64));
            Assert.Equal(HostLoop(round + 1), callHost(round + 1));
            callNote(round);
            Assert.Equal(round, host.LastNote);
        }
        Assert.Equal(200, host.Notes);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void CallsAllocateNothing(ExecutionStrategy strategy)
    {
        using var store = new Store(EngineFor(strategy));
        var instance = Create(store, new Host(), "noalloc");
        var add = instance.GetFunction<int, int, int>("add");
        var mix = instance.GetFunction<long, float, double, double>("mix");
        var callHost = instance.GetFunction<int, int>("callHost");
        var callNote = instance.GetAction<int>("callNote");
        if (strategy == ExecutionStrategy.Tiered)
        {
            TierUp.WaitFor(store, "noalloc!add", () => add(1, 2));
            TierUp.WaitFor(store, "noalloc!callHost", () => callHost(3));
            TierUp.WaitFor(store, "noalloc!mix", () => mix(1, 2, 3));
            TierUp.WaitFor(store, "noalloc!callNote", () => callNote(1));
        }
        // Warm: a compiled caller binds its callee's entry on the first call (one allocation per binding, not per call).
        for (int i = 0; i < 200; i++)
        {
            add(i, i);
            mix(i, 1, 2);
            callHost(10);
            callNote(i);
        }

        int sum = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            sum += add(i, 1);
        }
        long afterAdd = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            sum += (int)mix(i, 1.5f, 2);
            callNote(i);
        }
        long afterOthers = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            sum += callHost(100);
        }
        long afterHost = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal((0L, 0L, 0L), (afterAdd - before, afterOthers - afterAdd, afterHost - afterOthers));
        Assert.NotEqual(0, sum);
    }

    [Fact]
    public void DelegateMadeBeforeTierUpRunsTheCompiledCodeAfterIt()
    {
        using var store = new Store(EngineFor(ExecutionStrategy.Tiered));
        var instance = Create(store, new Host(), "early");
        var add = instance.GetFunction<int, int, int>("add");
        var div = instance.GetFunction<int, int, int>("div");
        Assert.Equal(5, add(2, 3));

        TierUp.WaitFor(store, "early!add", () => add(1, 2));
        TierUp.WaitFor(store, "early!div", () => div(7, 2));

        Assert.Equal(-2, add(-5, 3));
        Assert.Equal(-3, div(-7, 2));
        var trap = Assert.Throws<WasmTrapException>(() => div(1, 0));
        Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        Assert.Contains(trap.WasmBacktrace, f => f.Contains("!div (func", StringComparison.Ordinal));
        Assert.Equal(7, add(3, 4));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TrapsAndHostExceptionsLeaveTheStoreUsable(ExecutionStrategy strategy)
    {
        var host = new Host();
        using var store = new Store(EngineFor(strategy));
        var instance = Create(store, host, "errors");
        var div = instance.GetFunction<int, int, int>("div");
        var callPeek = instance.GetFunction<int, int>("callPeek");
        var thrown = new InvalidOperationException("no peeking");

        for (int round = 0; round < 100; round++)
        {
            var trap = Assert.Throws<WasmTrapException>(() => div(round, 0));
            Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
            Assert.Contains(trap.WasmBacktrace, f => f.Contains("!div (func", StringComparison.Ordinal));
            Assert.Equal(round / 3, div(round, 3));

            host.Throw = thrown;
            var hostError = Assert.Throws<WasmTrapException>(() => callPeek(0));
            Assert.Equal(TrapKind.HostError, hostError.Kind);
            Assert.Same(thrown, hostError.InnerException);
            Assert.Contains("host.peek", hostError.Message);
            Assert.Contains(hostError.WasmBacktrace, f => f.Contains("!callPeek (func", StringComparison.Ordinal));
            host.Throw = null;
            Assert.Equal(0, callPeek(0));

            var outOfBounds = Assert.Throws<WasmTrapException>(() => instance.GetAction<int, int>("store")(65536, 1));
            Assert.Equal(TrapKind.MemoryOutOfBounds, outOfBounds.Kind);
        }
    }

    /// <summary>
    /// Compiled code entered straight from the host has no value stack bound; calling a function that only takes the
    /// slot convention (here a host function with a reference parameter) binds it, and a trap unbinds it again.
    /// </summary>
    [Theory]
    [MemberData(nameof(Strategies))]
    public void CompiledCodeCallsSlotConventionFunctions(ExecutionStrategy strategy)
    {
        const string wat = """
            (module
              (import "host" "tag" (func $tag (param externref i32) (result i32)))
              (func $twice (export "twice") (param i32) (result i32)
                (i32.add (call $tag (ref.null extern) (local.get 0)) (call $tag (ref.null extern) (i32.const 1))))
              (func (export "nested") (param i32) (result i32) (i32.mul (call $twice (local.get 0)) (i32.const 2))))
            """;
        var engine = EngineFor(strategy);
        using var store = new Store(engine);
        Func<int, int>? twice = null;
        int reentered = 0;
        var linker = new Linker(engine).DefineFunction("host", "tag", (object? r, int v) =>
        {
            Assert.Null(r);
            if (v == 13)
            {
                throw new ArgumentException("unlucky");
            }
            if (v == 100 && twice is not null)
            {
                // Back into wasm from a host function that compiled code reached through the slot convention.
                reentered++;
                return twice(5) + v;
            }
            return v * 10;
        });
        var instance = linker.Instantiate(store, Module.FromText(engine, wat, "slots"));
        twice = instance.GetFunction<int, int>("twice");
        var nested = instance.GetFunction<int, int>("nested");

        for (int round = 0; round < 200; round++)
        {
            int v = 200 + round;
            Assert.Equal((v * 10) + 10, twice(v));
            Assert.Equal(((v * 10) + 10) * 2, nested(v));
            var e = Assert.Throws<WasmTrapException>(() => nested(13));
            Assert.Equal(TrapKind.HostError, e.Kind);
            Assert.IsType<ArgumentException>(e.InnerException);
            Assert.Equal(60 + 100 + 10, twice(100));
        }
        Assert.Equal(200, reentered);
    }

    /// <summary>
    /// Hammer on the store's thread claim: threads take turns on one store as fast as they can. A call either runs
    /// alone or is refused with the "one thread at a time" error; never two at once, and every run is counted.
    /// </summary>
    [Theory]
    [MemberData(nameof(Strategies))]
    public void ThreadsHandingOneStoreAroundNeverRunTogether(ExecutionStrategy strategy)
    {
        var engine = EngineFor(strategy);
        int inside = 0, maxInside = 0, runs = 0;
        var linker = new Linker(engine)
            .DefineFunction<int, int, int>("host", "add", (a, b) => a + b)
            .DefineFunction<long, float, double, double>("host", "mix", (a, b, c) => a)
            .DefineFunction<int, int>("host", "peek", v => v)
            .DefineFunction<int>("host", "note", _ =>
            {
                int now = Interlocked.Increment(ref inside);
                int seen;
                while ((seen = Volatile.Read(ref maxInside)) < now && Interlocked.CompareExchange(ref maxInside, now, seen) != seen)
                {
                }
                Thread.SpinWait(20);
                runs++;
                Interlocked.Decrement(ref inside);
            });
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, Wat, "hammer"));
        var callNote = instance.GetAction<int>("callNote");
        var add = instance.GetFunction<int, int, int>("add");
        const int Threads = 4, Calls = 400;
        var succeeded = new int[Threads];
        var refused = new int[Threads];
        var unexpected = new ConcurrentQueue<Exception>();

        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                try
                {
                    callNote(i);
                    if (add(i, t) != i + t)
                    {
                        throw new InvalidOperationException("wrong sum");
                    }
                    succeeded[t]++;
                }
                catch (InvalidOperationException e) when (e.Message.Contains("one thread at a time", StringComparison.Ordinal))
                {
                    refused[t]++;
                }
                catch (Exception e)
                {
                    unexpected.Enqueue(e);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Empty(unexpected);
        Assert.Equal(1, maxInside);
        Assert.Equal(Threads * Calls, succeeded.Sum() + refused.Sum());
        // A run refused at add() still ran callNote, so runs >= successful iterations.
        Assert.InRange(runs, succeeded.Sum(), Threads * Calls);
        Assert.Equal(7, add(3, 4));
    }

    [Fact]
    public void DisposedStoreRefusesCallsOnEveryPath()
    {
        var store = new Store(EngineFor(ExecutionStrategy.Jit));
        var instance = Create(store, new Host(), "disposed");
        var add = instance.GetFunction<int, int, int>("add");
        Assert.Equal(3, add(1, 2));
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => add(1, 2));
        Assert.Throws<ObjectDisposedException>(() => instance.GetFunction("add")!.Invoke(1, 2));
    }

    [Fact]
    public void ThousandInstancesWithUnboundedMemoriesLiveAtOnce()
    {
        const string wat = """
            (module
              (memory (export "memory") 1)
              (func (export "bump") (param i32) (result i32)
                (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (local.get 0)))
                (i32.load (i32.const 0)))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """;
        var engine = new Engine();
        var module = Module.FromText(engine, wat);
        var linker = new Linker(engine);
        var stores = new List<Store>();
        try
        {
            var bumps = new List<Func<int, int>>();
            using var shared = new Store(engine);
            for (int i = 0; i < 1000; i++)
            {
                // Half in one store, half in a store each.
                Store store = shared;
                if (i % 2 == 1)
                {
                    store = new Store(engine);
                    stores.Add(store);
                }
                var instance = linker.Instantiate(store, module);
                bumps.Add(instance.GetFunction<int, int>("bump"));
                if (i % 100 == 0)
                {
                    Assert.Equal(1, instance.GetFunction<int, int>("grow")(16));
                    Assert.Equal(17 * 65536, instance.GetMemory("memory")!.Length);
                }
            }
            for (int i = 0; i < bumps.Count; i++)
            {
                Assert.Equal(i, bumps[i](i));
            }
            for (int i = 0; i < bumps.Count; i++)
            {
                Assert.Equal(2 * i, bumps[i](i));
            }
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void InstantiatingASmallModuleAllocatesLittle()
    {
        var funcs = string.Concat(Enumerable.Range(0, 10).Select(i =>
            $"(func $f{i} (export \"f{i}\") (param i32) (result i32) (i32.add (i32.load (local.get 0)) (i32.const {i})))\n"));
        var engine = new Engine();
        var module = Module.FromText(engine, $"""
            (module
              (memory (export "memory") 1)
              (global $g (mut i32) (i32.const 0))
              (table 10 funcref)
              (elem (i32.const 0) func $f0 $f1 $f2 $f3 $f4 $f5 $f6 $f7 $f8 $f9)
              (data (i32.const 16) "hello, instantiation")
              {funcs})
            """);
        var linker = new Linker(engine);
        for (int i = 0; i < 10; i++)
        {
            using var warm = new Store(engine);
            linker.Instantiate(warm, module);
        }

        const int Count = 50;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Count; i++)
        {
            using var store = new Store(engine);
            Assert.Equal(7, linker.Instantiate(store, module).GetFunction<int, int>("f7")(64));
        }
        long perInstance = (GC.GetAllocatedBytesForCurrentThread() - before) / Count;

        // The budget is 50 KB (store, instance, memory, table, ten functions, a typed delegate and a call).
        Assert.InRange(perInstance, 1, 50_000);
    }

    /// <summary>Waits for the "WasmJit" event source to report a function compiled (the tiered engine's background work).</summary>
    private sealed class TierUp : EventListener
    {
        private readonly ConcurrentDictionary<string, bool> _compiled = new();

        public static void WaitFor(Store store, string function, Action call)
        {
            using var listener = new TierUp();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!listener._compiled.Keys.Any(k => k.StartsWith(function + " ", StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline, $"{function} was not compiled within a minute");
                for (int i = 0; i < 100; i++)
                {
                    call();
                }
                Thread.Sleep(1);
            }
            GC.KeepAlive(store);
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "WasmJit")
            {
                EnableEvents(source, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == "TierUp" && e.Payload is { Count: >= 5 } p && p[4] is true && p[1] is string name)
            {
                _compiled[name] = true;
            }
        }
    }
}
