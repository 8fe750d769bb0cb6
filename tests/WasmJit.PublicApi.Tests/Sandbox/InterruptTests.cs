using System.Diagnostics;

namespace WasmJit.PublicApi.Tests.Sandbox;

/// <summary>Timeouts, <see cref="Store.Interrupt"/> and cancellation stop loops and call-only recursion in every engine.</summary>
public sealed class InterruptTests
{
    /// <summary>Generous: the checks run every iteration; the bound only says "it stopped", it is no benchmark.</summary>
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(2);

    private const string Forever = """
        (module
          (func (export "loop") (loop $l (br $l)))
          ;; A call tree of depth 60: no loop, never deeper than 60 frames, never ends.
          (func $tree (export "tree") (param i32)
            (if (local.get 0)
              (then
                (call $tree (i32.sub (local.get 0) (i32.const 1)))
                (call $tree (i32.sub (local.get 0) (i32.const 1))))))
          (func $deep (export "deep") (param i32) (result i32)
            (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
          (func (export "answer") (result i32) (i32.const 42)))
        """;

    private static (Store Store, Instance Instance) Create(ExecutionStrategy strategy, StoreLimits limits, CancellationToken token = default)
    {
        var engine = Engines.Create(strategy);
        var store = new Store(engine, limits, token);
        return (store, new Linker(engine).Instantiate(store, Module.FromText(engine, Forever)));
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void TimeoutStopsAnInfiniteLoop(ExecutionStrategy strategy)
    {
        var (store, instance) = Create(strategy, StoreLimits.Default.WithTimeout(TimeSpan.FromMilliseconds(100)));
        using (store)
        {
            var sw = Stopwatch.StartNew();
            var e = Assert.Throws<WasmTimeoutException>(() => instance.GetFunction("loop")!.Invoke());
            sw.Stop();
            Assert.True(sw.Elapsed < s_bound, $"took {sw.Elapsed}");
            Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(90), $"stopped early: {sw.Elapsed}");
            Assert.Equal(TrapKind.Interrupted, e.Kind);
            Assert.Equal(TimeSpan.FromMilliseconds(100), e.Timeout);
            Assert.NotEmpty(e.WasmBacktrace);
            // The store and the instance keep working; the next call gets its own time.
            Assert.Equal(42, instance.GetFunction<int>("answer")());
            Assert.Throws<WasmTimeoutException>(() => instance.GetFunction("loop")!.Invoke());
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void TimeoutStopsRecursionWithoutLoops(ExecutionStrategy strategy)
    {
        var (store, instance) = Create(strategy, StoreLimits.Default.WithTimeout(TimeSpan.FromMilliseconds(100)));
        using (store)
        {
            var sw = Stopwatch.StartNew();
            var e = Assert.Throws<WasmTimeoutException>(() => instance.GetAction<int>("tree")(60));
            Assert.True(sw.Elapsed < s_bound, $"took {sw.Elapsed}");
            Assert.Contains(e.WasmBacktrace, f => f.Contains("tree"));
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void EndlessRecursionIsCallStackExhausted(ExecutionStrategy strategy)
    {
        var (store, instance) = Create(strategy, StoreLimits.Default.WithMaxCallDepth(500).WithTimeout(TimeSpan.FromSeconds(30)));
        using (store)
        {
            var e = Assert.Throws<WasmTrapException>(() => instance.GetFunction<int, int>("deep")(0));
            Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
            Assert.Equal(42, instance.GetFunction<int>("answer")());
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void InterruptFromAnotherThreadStopsTheRunningCall(ExecutionStrategy strategy)
    {
        var (store, instance) = Create(strategy, StoreLimits.Default);
        using (store)
        {
            var loop = instance.GetFunction("loop")!;
            var sw = Stopwatch.StartNew();
            // The other thread is a thread of its own, not a thread-pool Timer: with the pool busy (the rest of the
            // test run) a pool callback can come seconds late, which would measure the pool, not the engine.
            using var done = new ManualResetEventSlim();
            var interrupter = new Thread(() =>
            {
                Thread.Sleep(50);
                do
                {
                    store.Interrupt();
                }
                while (!done.Wait(20));
            }) { IsBackground = true };
            interrupter.Start();
            var e = Assert.Throws<WasmInterruptedException>(() => loop.Invoke());
            Assert.IsNotType<WasmTimeoutException>(e);
            Assert.False(e.Cancelled);
            Assert.True(sw.Elapsed < s_bound, $"took {sw.Elapsed}");
            done.Set();
            interrupter.Join();
            Assert.Equal(42, instance.GetFunction<int>("answer")());
        }
    }

    [Fact]
    public void InterruptWithNothingRunningDoesNotAffectTheNextCall()
    {
        var (store, instance) = Create(ExecutionStrategy.Interpreter, StoreLimits.Default);
        using (store)
        {
            store.Interrupt();
            Assert.Equal(42, instance.GetFunction<int>("answer")());
            instance.GetAction<int>("tree")(3);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void CancellationStopsRunningCodeAndRefusesLaterCalls(ExecutionStrategy strategy)
    {
        using var cts = new CancellationTokenSource();
        var (store, instance) = Create(strategy, StoreLimits.Default, cts.Token);
        using (store)
        {
            Assert.Equal(42, instance.GetFunction<int>("answer")());
            cts.CancelAfter(50);
            var sw = Stopwatch.StartNew();
            var e = Assert.Throws<WasmInterruptedException>(() => instance.GetAction<int>("tree")(60));
            Assert.True(sw.Elapsed < s_bound, $"took {sw.Elapsed}");
            Assert.True(e.Cancelled);
            var again = Assert.Throws<WasmInterruptedException>(() => instance.GetFunction<int>("answer")());
            Assert.True(again.Cancelled);
        }
    }

    [Fact]
    public async Task OtherStoresKeepRunningWhileOneIsStopped()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Forever);
        using var stuck = new Store(engine, StoreLimits.Default.WithTimeout(TimeSpan.FromMilliseconds(300)));
        using var busy = new Store(engine);
        var loop = new Linker(engine).Instantiate(stuck, module).GetFunction("loop")!;
        var tree = new Linker(engine).Instantiate(busy, module).GetAction<int>("tree");
        var stopped = Task.Run(() => Assert.Throws<WasmTimeoutException>(() => loop.Invoke()));
        int calls = 0;
        while (!stopped.IsCompleted)
        {
            tree(8);
            calls++;
        }
        Assert.NotNull(await stopped);
        Assert.True(calls > 0);
    }
}

/// <summary>memory.atomic.wait parks the thread: the store's interrupt flag must wake it.</summary>
public sealed class WaitInterruptTests
{
    private const string Waiter = """
        (module
          (memory 1 1 shared)
          (func (export "wait") (result i32)
            (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
        """;

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void TimeoutWakesABlockedWait(ExecutionStrategy strategy)
    {
        var engine = Engines.Create(strategy);
        using var store = new Store(engine, StoreLimits.Default.WithTimeout(TimeSpan.FromMilliseconds(100)));
        var wait = new Linker(engine).Instantiate(store, Module.FromText(engine, Waiter)).GetFunction<int>("wait");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<WasmTimeoutException>(() => wait());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"took {sw.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void CancellationWakesABlockedWait(ExecutionStrategy strategy)
    {
        var engine = Engines.Create(strategy);
        using var cts = new CancellationTokenSource();
        using var store = new Store(engine, StoreLimits.Default, cts.Token);
        var wait = new Linker(engine).Instantiate(store, Module.FromText(engine, Waiter)).GetFunction<int>("wait");
        cts.CancelAfter(50);
        var e = Assert.Throws<WasmInterruptedException>(() => wait());
        Assert.True(e.Cancelled);
    }
}
