using System.Collections.Concurrent;
using WasmJit.Runtime;

namespace WasmJit.Jit.Tests;

using Store = WasmJit.Runtime.Store;

/// <summary>
/// Whole-module compilation (the JIT engine's batch) with functions RyuJIT's limits refuse: the batch compiles the
/// biggest bodies first so a refused function usually leaves it before anyone calls it directly (one IL pass), and
/// takes a second pass only when compiled code already calls it; either way every call reaches the right code.
/// </summary>
public class BatchCompileTests
{
    private static readonly ValType I = ValType.I32;

    /// <summary>2,100 locals: past RyuJIT's 2,000-local limit, so refused; returns param + 1 (+ padding nops).</summary>
    private static int Refused(TestModule m, string name, int nops, int? calls = null)
    {
        var code = new Code();
        for (int i = 0; i < nops; i++)
        {
            code.Op(0x01);
        }
        code.Get(0).Set(2_099).Get(2_099).I32(1).Op(Code.I32Add);
        if (calls is { } callee)
        {
            code.Call(callee);
        }
        return m.Func(TestModule.Sig([I], I), code, [.. Enumerable.Repeat(I, 2_100)], name);
    }

    private static int Caller(TestModule m, string name, int callee, int nops)
    {
        var code = new Code();
        for (int i = 0; i < nops; i++)
        {
            code.Op(0x01);
        }
        return m.Func(TestModule.Sig([I], I), code.Get(0).I32(10).Op(Code.I32Add).Call(callee), name: name);
    }

    private static (JitCompiledModule Batch, ModuleInstance Instance, Store Store, ConcurrentQueue<TierUpEvent> Events) Compile(TestModule m)
    {
        var events = new ConcurrentQueue<TierUpEvent>();
        var store = new Store(new StoreOptions { Engine = EngineKind.Jit, Features = WasmFeatures.All, OnTierUp = events.Enqueue });
        var inst = store.Instantiate(m.Build(), _ => null);
        var batch = JitCompiler.Compile(inst.Module, store.Features, inst.Types);
        return (batch, inst, store, events);
    }

    [Fact]
    public void RefusedFunctionsCompiledBeforeTheirCallersTakeOnePass()
    {
        var m = new TestModule();
        // The refused ones have the biggest bodies, and the first calls the second (a call that is dropped with it).
        int second = Refused(m, "second", nops: 300);
        int first = Refused(m, "first", nops: 400, calls: second);
        int caller = Caller(m, "caller", first, nops: 0);
        var (batch, inst, store, events) = Compile(m);
        using (store)
        {
            Assert.Equal(1, batch.Passes);
            Assert.Equal([second, first, caller], batch.Results.Select(r => r.FunctionIndex));
            Assert.Equal([false, false, true], batch.Results.Select(r => r.Compiled));
            Assert.Null(batch.Methods[first]);
            Assert.Null(batch.Methods[second]);
            Assert.NotNull(batch.Methods[caller]);
            // Through the engine: caller compiled, the refused ones interpreted, the result through both.
            Assert.Equal(41 + 10 + 1 + 1, inst.Functions[caller].Invoke([WasmValue.FromI32(41)])[0].I32);
            Assert.IsType<JitCode>(((WasmFunction)inst.Functions[caller]).Code);
            Assert.IsNotType<JitCode>(((WasmFunction)inst.Functions[first]).Code);
            Assert.Equal(2, events.Count(e => !e.Compiled));
        }
    }

    [Fact]
    public void ARefusedFunctionAlreadyCalledDirectlyTakesASecondPass()
    {
        var m = new TestModule();
        int refused = Refused(m, "refused", nops: 0);
        // Bigger than the refused one (whose 2,100 locals take 4,200 bytes here), so compiled first, with a direct call that must become a call through its entry.
        int caller = Caller(m, "caller", refused, nops: 5_000);
        var (batch, inst, store, _) = Compile(m);
        using (store)
        {
            Assert.Equal(2, batch.Passes);
            Assert.Equal([refused, caller], batch.Results.Select(r => r.FunctionIndex));
            Assert.False(batch.Results[0].Compiled);
            Assert.Contains("locals exceed RyuJIT's optimization limit", batch.Results[0].Failure);
            Assert.True(batch.Results[1].Compiled);
            Assert.Equal(5 + 10 + 1, inst.Functions[caller].Invoke([WasmValue.FromI32(5)])[0].I32);
            Assert.IsType<JitCode>(((WasmFunction)inst.Functions[caller]).Code);
        }
    }
}
