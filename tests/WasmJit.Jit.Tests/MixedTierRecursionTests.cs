using WasmJit.Runtime;
using static WasmJit.Jit.Tests.Code;

namespace WasmJit.Jit.Tests;

/// <summary>
/// Deep recursion between a compiled and an interpreted function (the tiered engine's normal state mid-run). Both
/// cases used to end in a .NET stack overflow that killed the process (found by the spec suite's
/// return_call_indirect.wast line 286, even/odd 100,000 deep, in the tiered engine when background compilation landed
/// between the two functions' tier-ups): every tier crossing caught and rethrew the trap, and each rethrow nested a new
/// exception dispatch on the stack being unwound; and each round of a cross-tier tail-call cycle kept native frames.
/// </summary>
public class MixedTierRecursionTests
{
    private static readonly ValType I = ValType.I32;

    private static (TestInstance Inst, int Even) EvenOdd(bool tail, bool compileEven, bool compileOdd, int maxCallDepth)
    {
        var m = new TestModule();
        // even(n) = n == 0 ? 44 : odd(n - 1); odd(n) = n == 0 ? 99 : even(n - 1), as return_call or as call + add 0.
        Code Body(int result, int other)
        {
            var c = new Code().Get(0).Op(I32Eqz).If(I32T).I32(result).Else().Get(0).I32(1).Op(I32Sub);
            return (tail ? c.Op(0x12).U((uint)other) : c.Call(other).I32(0).Op(I32Add)).End();
        }
        int even = m.Func(TestModule.Sig([I], I), Body(44, 1), name: "even");
        int odd = m.Func(TestModule.Sig([I], I), Body(99, 0), name: "odd");
        var options = new StoreOptions
        {
            Engine = EngineKind.Tiered, Features = WasmFeatures.All, TierUpCalls = 1_000_000_000,
            TierUpBackEdges = 1_000_000_000, TierUpInBackground = false, MaxCallDepth = maxCallDepth,
        };
        var inst = new TestInstance(m, options);
        if (compileEven)
        {
            JitTier.TierUp((WasmFunction)inst.Instance.Functions[even]);
        }
        if (compileOdd)
        {
            JitTier.TierUp((WasmFunction)inst.Instance.Functions[odd]);
        }
        return (inst, even);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void MutualTailCallsAcrossTiersRunInConstantStack(bool compileEven, bool compileOdd)
    {
        var (inst, even) = EvenOdd(tail: true, compileEven, compileOdd, StoreOptions.DefaultMaxCallDepth);
        using (inst)
        {
            Assert.Equal(44, inst.I32(even, 100_000));
        }
    }

    [Fact]
    public void TailCalledCompiledFunctionKeepsItsCompiledCodeWhenTheInterpreterRunsIt()
    {
        var (inst, even) = EvenOdd(tail: true, compileEven: true, compileOdd: false, StoreOptions.DefaultMaxCallDepth);
        using (inst)
        {
            Assert.Equal(44, inst.I32(even, 100_000));
            Assert.Equal(99, inst.I32(even, 100_001));
            var f = (WasmFunction)inst.Instance.Functions[even];
            Assert.IsType<JitCode>(f.Code);
            Assert.NotNull(f.CompiledEntry);
            Assert.False(f.CompiledEntry.IsBridge);
        }
    }

    [Fact]
    public void DeepMixedRecursionTrapsInsteadOfOverflowing()
    {
        var (inst, even) = EvenOdd(tail: false, compileEven: true, compileOdd: false, maxCallDepth: 100_000_000);
        using (inst)
        {
            var e = Assert.Throws<WasmTrapException>(() => inst.I32(even, 50_000_000));
            Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
        }
    }

    [Fact]
    public void TrapBacktraceInterleavesTiersInCallOrder()
    {
        // even(n) = n == 0 ? unreachable : odd(n - 1) + 0, odd likewise; even compiled, odd interpreted.
        var m = new TestModule();
        Code Body(int other) =>
            new Code().Get(0).Op(I32Eqz).If(I32T).Op(0x00).Else().Get(0).I32(1).Op(I32Sub).Call(other).I32(0).Op(I32Add).End();
        int even = m.Func(TestModule.Sig([I], I), Body(1), name: "even");
        m.Func(TestModule.Sig([I], I), Body(0), name: "odd");
        var options = new StoreOptions
        {
            Engine = EngineKind.Tiered, Features = WasmFeatures.All, TierUpCalls = 1_000_000_000,
            TierUpBackEdges = 1_000_000_000, TierUpInBackground = false,
        };
        using var inst = new TestInstance(m, options);
        JitTier.TierUp((WasmFunction)inst.Instance.Functions[even]);
        var e = Assert.Throws<WasmTrapException>(() => inst.I32(even, 4));
        Assert.Equal(TrapKind.Unreachable, e.Kind);
        string[] expected = ["test!even (func 0)", "test!odd (func 1)", "test!even (func 0)", "test!odd (func 1)", "test!even (func 0)"];
        Assert.Equal(expected, e.WasmBacktrace);
    }
}
