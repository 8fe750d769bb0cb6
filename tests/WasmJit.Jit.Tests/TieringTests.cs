using System.Collections.Concurrent;
using WasmJit.Runtime;
using static WasmJit.Jit.Tests.Code;

namespace WasmJit.Jit.Tests;

using Store = WasmJit.Runtime.Store;

/// <summary>The tiered engine: call and loop budgets, background compilation, loop entry, and refused functions.</summary>
public class TieringTests
{
    private static readonly ValType I = ValType.I32;
    private static readonly ValType L = ValType.I64;

    private static StoreOptions Tiered(ConcurrentQueue<TierUpEvent> events, int calls = 1_000, int backEdges = 10_000, bool background = false) => new()
    {
        Engine = EngineKind.Tiered,
        Features = WasmFeatures.All,
        TierUpCalls = calls,
        TierUpBackEdges = backEdges,
        TierUpInBackground = background,
        OnTierUp = events.Enqueue,
    };

    [Fact]
    public void FunctionTiersUpAfterItsCallBudget()
    {
        var m = new TestModule();
        int f = m.Func(TestModule.Sig([I], I), new Code().Get(0).I32(3).Op(I32Mul), name: "triple");
        var events = new ConcurrentQueue<TierUpEvent>();
        using var inst = new TestInstance(m, Tiered(events, calls: 5));
        var fn = (WasmFunction)inst.Instance.Functions[f];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(3 * i, inst.I32(f, i));
        }
        Assert.IsNotType<JitCode>(fn.Code);
        Assert.Empty(events);
        Assert.Equal(15, inst.I32(f, 5));
        Assert.IsType<JitCode>(fn.Code);
        var e = Assert.Single(events);
        Assert.Equal(TierUpReason.Calls, e.Reason);
        Assert.True(e.Compiled);
        Assert.Equal(f, e.FunctionIndex);
        Assert.Contains("triple", e.FunctionName);
        Assert.True(e.ILSize > 0);
        Assert.Equal(-30, inst.I32(f, -10));
    }

    [Fact]
    public void QueuedCompilesOfADisposedStoreAreDropped()
    {
        var m = new TestModule();
        int f = m.Func(TestModule.Sig([I], I), new Code().Get(0).I32(3).Op(I32Mul), name: "triple");
        var events = new ConcurrentQueue<TierUpEvent>();
        using var gate = new ManualResetEventSlim();
        using var drained = new ManualResetEventSlim();
        // Hold the process-wide compiler thread so the tier-up request is still queued when the store goes away.
        WasmJit.Tiering.CompileQueue.Post(gate.Wait, static () => WasmJit.Tiering.CompileQueue.Urgent);
        var inst = new TestInstance(m, Tiered(events, calls: 1, background: true));
        var fn = (WasmFunction)inst.Instance.Functions[f];
        Assert.Equal(6, inst.I32(f, 2));
        Assert.Equal(9, inst.I32(f, 3));
        inst.Dispose();
        gate.Set();
        WasmJit.Tiering.CompileQueue.Post(drained.Set, static () => long.MinValue);
        Assert.True(drained.Wait(TimeSpan.FromSeconds(30)));
        Assert.Empty(events);
        Assert.IsNotType<JitCode>(fn.Code);
    }

    [Fact]
    public void TheCompileQueueRunsTheHottestJobFirst()
    {
        using var gate = new ManualResetEventSlim();
        using var drained = new ManualResetEventSlim();
        var order = new ConcurrentQueue<string>();
        long heatOfB = 1;
        // Hold the compiler thread, queue three jobs, then make B the hottest while they wait (as a function's call
        // count keeps growing while it waits interpreted): the worker reads the heat when it picks its next job.
        WasmJit.Tiering.CompileQueue.Post(gate.Wait, static () => WasmJit.Tiering.CompileQueue.Urgent);
        WasmJit.Tiering.CompileQueue.Post(() => order.Enqueue("A"), static () => 5);
        WasmJit.Tiering.CompileQueue.Post(() => order.Enqueue("B"), () => Interlocked.Read(ref heatOfB));
        WasmJit.Tiering.CompileQueue.Post(() => order.Enqueue("C"), static () => 3);
        WasmJit.Tiering.CompileQueue.Post(() => order.Enqueue("loop"), static () => WasmJit.Tiering.CompileQueue.Urgent);
        Interlocked.Exchange(ref heatOfB, 100);
        gate.Set();
        WasmJit.Tiering.CompileQueue.Post(drained.Set, static () => long.MinValue);
        Assert.True(drained.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(["loop", "B", "A", "C"], order.ToArray());
    }

    [Fact]
    public void InterpretedCallersPickUpTheCompiledCallee()
    {
        var m = new TestModule();
        int inc = m.Func(TestModule.Sig([I], I), new Code().Get(0).I32(1).Op(I32Add), name: "inc");
        // loop n times: acc = inc(acc); the caller stays interpreted (budget of 1,000,000 back-edges), the callee tiers up.
        var code = new Code()
            .Block().Loop()
                .Get(0).Op(I32Eqz).BrIf(1)
                .Get(1).Call(inc).Set(1)
                .Get(0).I32(1).Op(I32Sub).Set(0)
                .Br(0)
            .End().End()
            .Get(1);
        int caller = m.Func(TestModule.Sig([I], I), code, [I], name: "caller");
        var events = new ConcurrentQueue<TierUpEvent>();
        using var inst = new TestInstance(m, Tiered(events, calls: 10, backEdges: 1_000_000));
        Assert.Equal(100, inst.I32(caller, 100));
        Assert.IsType<JitCode>(((WasmFunction)inst.Instance.Functions[inc]).Code);
        Assert.IsNotType<JitCode>(((WasmFunction)inst.Instance.Functions[caller]).Code);
        Assert.Equal(1000, inst.I32(caller, 1000));
    }

    /// <summary>
    /// The loop entry: one call that loops 1,000,000 times moves into compiled code at the loop header, with a local,
    /// a parameter and an i64 operand-stack value below the loop (a loop parameter) carried over from the frame.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALongLoopMovesIntoCompiledCodeMidCall(bool background)
    {
        var m = new TestModule();
        int loopType = m.TypeOf(TestModule.Sig([L], L));
        // (param n i32) (local i i32)  7 ; (i64 0) loop (param i64) (result i64): if i == n: br out with sum ... 
        var code = new Code()
            .I32(7)                                         // an operand below the loop, untouched by it
            .I64(0)                                         // the loop's parameter: the running sum
            .Loop((byte)loopType)
                .Get(1).Op(0xad)                            // i64.extend_i32_u i
                .Op(0x7c)                                   // sum += i
                .Get(1).I32(1).Op(I32Add).Tee(1)            // i++
                .Get(0).Op(0x49)                            // i <u n
                .BrIf(0)
            .End()
            .Op(0xa7)                                       // i32.wrap_i64 sum
            .Op(I32Add);                                    // + 7
        int f = m.Func(TestModule.Sig([I], I), code, [I], name: "kernel");
        var events = new ConcurrentQueue<TierUpEvent>();
        using var inst = new TestInstance(m, Tiered(events, calls: 1_000_000, backEdges: 1_000, background));
        const int n = 1_000_000;
        long expected = (long)n * (n - 1) / 2;
        Assert.Equal(unchecked((int)expected + 7), inst.I32(f, n));
        if (background)
        {
            // The compile may still be running when the loop ends on a fast machine; a longer call then enters it.
            for (int tries = 0; tries < 50 && !events.Any(e => e.LoopEntry); tries++)
            {
                Thread.Sleep(20);
            }
            Assert.Equal(unchecked((int)expected + 7), inst.I32(f, n));
        }
        var loop = Assert.Single(events, e => e.LoopEntry);
        Assert.Equal(TierUpReason.Loop, loop.Reason);
        Assert.True(loop.Compiled, loop.Failure);
        Assert.Equal(f, loop.FunctionIndex);
        Assert.Contains(events, e => !e.LoopEntry && e.Reason == TierUpReason.Loop && e.Compiled);
        // Later calls run the compiled function from its start.
        Assert.IsType<JitCode>(((WasmFunction)inst.Instance.Functions[f]).Code);
        Assert.Equal(10 * 9 / 2 + 7, inst.I32(f, 10));
    }

    [Fact]
    public void LoopEntryCarriesReferencesV128AndTraps()
    {
        var m = new TestModule();
        m.Memories.Add(new MemoryType(new Limits(1, 1), false, false));
        // (param n) (local i i32) (local v v128) (local r funcref): loop { v = i32x4.add(v, splat(1)); i++; if i == n: load at 70000 (trap) }
        var code = new Code()
            .Loop()
                .Get(2).I32(1).Simd(17).Simd(174).Set(2)   // i32x4.splat 1; i32x4.add
                .Get(1).I32(1).Op(I32Add).Tee(1)
                .Get(0).Op(0x46)                           // i == n
                .If().I32(70000).Mem(I32Load).Op(0x1a).End()
                .Br(0)
            .End();
        int f = m.Func(TestModule.Sig([I], []), code, [I, ValType.V128, ValType.FuncRef], name: "trapper");
        var events = new ConcurrentQueue<TierUpEvent>();
        using var inst = new TestInstance(m, Tiered(events, calls: 1_000_000, backEdges: 100));
        var e = Assert.Throws<WasmTrapException>(() => inst.Call(f, JitValue.I32(5_000)));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
        Assert.Contains(events, x => x.LoopEntry && x.Compiled);
    }

    [Fact]
    public async Task BackgroundCompilationSwapsTheEntryWhileTheInterpreterRuns()
    {
        var m = new TestModule();
        int sq = m.Func(TestModule.Sig([L], L), new Code().Get(0).Get(0).Op(0x7e), name: "square");
        var events = new ConcurrentQueue<TierUpEvent>();
        using var inst = new TestInstance(m, Tiered(events, calls: 3, background: true));
        var fn = (WasmFunction)inst.Instance.Functions[sq];
        // Several threads call it while it compiles: every result is right before, during and after the swap.
        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (long i = 0; i < 20_000; i++)
            {
                Assert.Equal(i * i, inst.Call(sq, JitValue.I64(i))[0].I64);
            }
        }));
        await Task.WhenAll(tasks);
        for (int tries = 0; tries < 100 && fn.Code is not JitCode; tries++)
        {
            await Task.Delay(20);
        }
        Assert.IsType<JitCode>(fn.Code);
        Assert.Single(events);
    }

    [Fact]
    public void FunctionsPastRyuJitLimitsStayInterpretedAndTheEventSaysWhy()
    {
        var m = new TestModule();
        // 2,100 i32 locals: past RyuJIT's 2,000-local MinOpts threshold.
        var locals = Enumerable.Repeat(I, 2_100).ToArray();
        var code = new Code().Get(0).Set(2_099).Get(2_099).I32(1).Op(I32Add);
        int big = m.Func(TestModule.Sig([I], I), code, locals, name: "big");
        int small = m.Func(TestModule.Sig([I], I), new Code().Get(0).Call(big), name: "small");
        var events = new ConcurrentQueue<TierUpEvent>();
        var store = new Store(new StoreOptions { Engine = EngineKind.Jit, Features = WasmFeatures.All, OnTierUp = events.Enqueue });
        var inst = store.Instantiate(m.Build(), _ => null);
        Assert.Equal(42, inst.Functions[small].Invoke([WasmValue.FromI32(41)])[0].I32);
        var refused = Assert.Single(events, e => !e.Compiled);
        Assert.Equal(big, refused.FunctionIndex);
        Assert.Contains("locals exceed RyuJIT's optimization limit", refused.Failure);
        Assert.IsType<JitCode>(((WasmFunction)inst.Functions[small]).Code);
        Assert.IsNotType<JitCode>(((WasmFunction)inst.Functions[big]).Code);
        store.Dispose();
    }

    [Fact]
    public void ILScanCountsBlocksAndLocalReferences()
    {
        // ldarg.0; brtrue.s +2; ldc.i4.0; ret; ldc.i4.1; ret: blocks at 0, after the branch (3) and its target (5).
        byte[] il = [0x02, 0x2d, 0x02, 0x16, 0x2a, 0x17, 0x2a];
        var stats = ILLimits.Scan(il);
        Assert.Equal(6, stats.Instructions);
        Assert.Equal(3, stats.BasicBlocks);
        Assert.Equal(1, stats.LocalRefs);
    }
}
