using WasmJit.Runtime;
using static WasmJit.Runtime.WasmValue;

namespace WasmJit.Interpreter.Tests;

public class ExecutionTests
{
    private static readonly ValType I32 = ValType.I32;
    private static readonly ValType I64 = ValType.I64;
    private static readonly ValType F64 = ValType.F64;

    internal static WasmValue[] Call(ModuleInstance inst, string name, params WasmValue[] args) =>
        ((FunctionInstance)inst.GetExport(name)!).Invoke(args);

    private static ModuleInstance Single(ValType[] ps, ValType[] rs, Asm code, params ValType[] locals)
    {
        var m = new TestModule();
        int t = m.Type(ps, rs);
        int f = m.Func(t, code, locals);
        m.Export("f", ExternKind.Func, f);
        return m.Instantiate(TestModule.NewStore());
    }

    [Theory]
    [InlineData(Opcode.I32Add, 7, 5, 12)]
    [InlineData(Opcode.I32Sub, 7, 5, 2)]
    [InlineData(Opcode.I32Mul, -7, 5, -35)]
    [InlineData(Opcode.I32DivS, -7, 2, -3)]
    [InlineData(Opcode.I32DivU, -1, 2, int.MaxValue)]
    [InlineData(Opcode.I32RemS, -7, 2, -1)]
    [InlineData(Opcode.I32Shl, 1, 33, 2)]
    [InlineData(Opcode.I32ShrS, -8, 1, -4)]
    [InlineData(Opcode.I32ShrU, -8, 28, 15)]
    [InlineData(Opcode.I32Rotl, unchecked((int)0x80000001), 1, 3)]
    [InlineData(Opcode.I32LtS, -1, 0, 1)]
    [InlineData(Opcode.I32LtU, -1, 0, 0)]
    internal void I32BinaryOps(Opcode op, int a, int b, int expected)
    {
        var inst = Single([I32, I32], [I32], new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(op).End());
        Assert.Equal(expected, Call(inst, "f", FromI32(a), FromI32(b))[0].I32);
    }

    [Fact]
    public void ConstantsAndLocalsMix()
    {
        // (x + 10) * (x - 3) with a local.tee in the middle, results through the constant pool and deferred locals.
        var code = new Asm()
            .Op(Opcode.LocalGet, 0).I32(10).Op(Opcode.I32Add).Op(Opcode.LocalTee, 1)
            .Op(Opcode.LocalGet, 0).I32(3).Op(Opcode.I32Sub).Op(Opcode.I32Mul)
            .Op(Opcode.LocalGet, 1).Op(Opcode.I32Add).End();
        var inst = Single([I32], [I32], code, I32);
        Assert.Equal((5 + 10) * (5 - 3) + 15, Call(inst, "f", FromI32(5))[0].I32);
    }

    [Fact]
    public void LocalSetDoesNotClobberPendingReads()
    {
        // local.get 0; (local.set 0 (i32.const 99)); local.get 0; i32.sub  => old - 99
        var code = new Asm()
            .Op(Opcode.LocalGet, 0).I32(99).Op(Opcode.LocalSet, 0).Op(Opcode.LocalGet, 0).Op(Opcode.I32Sub).End();
        var inst = Single([I32], [I32], code);
        Assert.Equal(1 - 99, Call(inst, "f", FromI32(1))[0].I32);
    }

    [Fact]
    public void I64AndDivisionTraps()
    {
        var inst = Single([I64, I64], [I64], new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.I64DivS).End());
        Assert.Equal(-4L, Call(inst, "f", FromI64(-9), FromI64(2))[0].I64);
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "f", FromI64(1), FromI64(0)));
        Assert.Equal(TrapKind.IntegerDivideByZero, e.Kind);
        e = Assert.Throws<WasmTrapException>(() => Call(inst, "f", FromI64(long.MinValue), FromI64(-1)));
        Assert.Equal(TrapKind.IntegerOverflow, e.Kind);
    }

    [Fact]
    public void FloatOps()
    {
        var code = new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.F64Min).Op(Opcode.F64Sqrt).End();
        var inst = Single([F64, F64], [F64], code);
        Assert.Equal(3.0, Call(inst, "f", FromF64(9), FromF64(16))[0].F64);
        Assert.True(double.IsNaN(Call(inst, "f", FromF64(double.NaN), FromF64(16))[0].F64));
    }

    [Fact]
    public void LoopSumsWithBackEdgeCounts()
    {
        // sum = 0; i = n; loop { sum += i; i--; br_if (i != 0) } return sum
        var code = new Asm()
            .Block(Opcode.Loop)
            .Op(Opcode.LocalGet, 1).Op(Opcode.LocalGet, 0).Op(Opcode.I32Add).Op(Opcode.LocalSet, 1)
            .Op(Opcode.LocalGet, 0).I32(1).Op(Opcode.I32Sub).Op(Opcode.LocalTee, 0)
            .Op(Opcode.BrIf, 0)
            .End()
            .Op(Opcode.LocalGet, 1).End();
        var inst = Single([I32], [I32], code, I32);
        Assert.Equal(5050, Call(inst, "f", FromI32(100))[0].I32);
        var f = (WasmFunction)inst.GetExport("f")!;
        Assert.Equal(99, f.BackEdgeCount);
        Assert.Equal(1, f.CallCount);
    }

    [Fact]
    public void IfElseWithResultAndFusedCompare()
    {
        var code = new Asm()
            .Op(Opcode.LocalGet, 0).I32(10).Op(Opcode.I32LtS)
            .Block(Opcode.If, I32).I32(1).Op(Opcode.Else).I32(2).End().End();
        var inst = Single([I32], [I32], code);
        Assert.Equal(1, Call(inst, "f", FromI32(3))[0].I32);
        Assert.Equal(2, Call(inst, "f", FromI32(30))[0].I32);
    }

    [Fact]
    public void BrTableSelectsTargetsAndCarriesValues()
    {
        // block $a (result i32) block $b (result i32) block $c (result i32)
        //   i32.const 100  local.get 0  br_table $c $b $a(default)
        // end i32.const 1 i32.add end i32.const 2 i32.add end
        var code = new Asm()
            .Block(Opcode.Block, I32).Block(Opcode.Block, I32).Block(Opcode.Block, I32)
            .I32(100).Op(Opcode.LocalGet, 0).BrTable(2, 0, 1)
            .End().I32(1).Op(Opcode.I32Add)
            .End().I32(2).Op(Opcode.I32Add)
            .End().End();
        var inst = Single([I32], [I32], code);
        Assert.Equal(103, Call(inst, "f", FromI32(0))[0].I32);
        Assert.Equal(102, Call(inst, "f", FromI32(1))[0].I32);
        Assert.Equal(100, Call(inst, "f", FromI32(2))[0].I32);
        Assert.Equal(100, Call(inst, "f", FromI32(-1))[0].I32);
    }

    [Fact]
    public void MultiValueBlocksAndReturns()
    {
        var m = new TestModule();
        int swapT = m.Type([I32, I32], [I32, I32]);
        int mainT = m.Type([I32, I32], [I32]);
        // swap via a block with params: (block (param i32 i32) (result i32 i32) local.set/get juggling) — here just reorder.
        int swap = m.Func(swapT, new Asm().Op(Opcode.LocalGet, 1).Op(Opcode.LocalGet, 0).End());
        int main = m.Func(mainT, new Asm()
            .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1)
            .Block(Opcode.Block, typeIndex: swapT).Op(Opcode.Call, (uint)swap).End()
            .Op(Opcode.I32Sub).End());
        m.Export("swap", ExternKind.Func, swap);
        m.Export("main", ExternKind.Func, main);
        var inst = m.Instantiate(TestModule.NewStore());
        var r = Call(inst, "swap", FromI32(1), FromI32(2));
        Assert.Equal([2, 1], r.Select(v => v.I32));
        Assert.Equal(10 - 3, Call(inst, "main", FromI32(3), FromI32(10))[0].I32);
    }

    [Fact]
    public void RecursiveFactorial()
    {
        var m = new TestModule();
        int t = m.Type([I64], [I64]);
        var code = new Asm()
            .Op(Opcode.LocalGet, 0).Op(Opcode.I64Eqz)
            .Block(Opcode.If, I64).I64(1)
            .Op(Opcode.Else).Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 0).I64(1).Op(Opcode.I64Sub).Op(Opcode.Call, 0).Op(Opcode.I64Mul)
            .End().End();
        int f = m.Func(t, code);
        m.Export("fac", ExternKind.Func, f);
        var inst = m.Instantiate(TestModule.NewStore());
        Assert.Equal(2432902008176640000L, Call(inst, "fac", FromI64(20))[0].I64);
    }

    [Fact]
    public void InfiniteRecursionTrapsWithoutKillingTheProcess()
    {
        var m = new TestModule();
        int t = m.Type([I32], [I32]);
        int f = m.Func(t, new Asm().Op(Opcode.LocalGet, 0).I32(1).Op(Opcode.I32Add).Op(Opcode.Call, 0).End(), "runaway");
        m.Export("f", ExternKind.Func, f);
        var inst = m.Instantiate(TestModule.NewStore());
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "f", FromI32(0)));
        Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
        Assert.Contains("call stack exhausted", e.Message);
        Assert.Equal(StoreOptions.DefaultMaxCallDepth, e.WasmBacktrace.Count);
        // The thread's stack is usable afterwards.
        var e2 = Assert.Throws<WasmTrapException>(() => Call(inst, "f", FromI32(0)));
        Assert.Equal(TrapKind.CallStackExhausted, e2.Kind);
    }

    [Fact]
    public void TailCallsRunInConstantStackSpace()
    {
        var m = new TestModule();
        int t = m.Type([I64, I64], [I64]);
        // count(n, acc) = n == 0 ? acc : return_call count(n - 1, acc + n)
        var code = new Asm()
            .Op(Opcode.LocalGet, 0).Op(Opcode.I64Eqz)
            .Block(Opcode.If, I64).Op(Opcode.LocalGet, 1)
            .Op(Opcode.Else).Op(Opcode.LocalGet, 0).I64(1).Op(Opcode.I64Sub)
            .Op(Opcode.LocalGet, 1).Op(Opcode.LocalGet, 0).Op(Opcode.I64Add).Op(Opcode.ReturnCall, 0)
            .End().End();
        m.Export("f", ExternKind.Func, m.Func(t, code));
        var inst = m.Instantiate(TestModule.NewStore(maxCallDepth: 100));
        Assert.Equal(1_000_000L * 1_000_001 / 2, Call(inst, "f", FromI64(1_000_000), FromI64(0))[0].I64);
    }

    [Fact]
    public void TrapBacktraceHasFunctionNames()
    {
        var m = new TestModule();
        int t = m.Type([], []);
        int inner = m.Func(t, new Asm().Op(Opcode.Unreachable).End(), "inner");
        int outer = m.Func(t, new Asm().Op(Opcode.Call, (uint)inner).End(), "outer");
        m.Export("outer", ExternKind.Func, outer);
        var inst = m.Instantiate(TestModule.NewStore(), name: "mod");
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "outer"));
        Assert.Equal(TrapKind.Unreachable, e.Kind);
        Assert.Equal(["mod!inner (func 0)", "mod!outer (func 1)"], e.WasmBacktrace);
    }

    [Fact]
    public void HostFunctionsAndReentry()
    {
        var store = TestModule.NewStore();
        var m = new TestModule();
        int t = m.Type([I32], [I32]);
        int host = m.ImportFunc("env", "double_then_call", t);
        int inc = m.Func(t, new Asm().Op(Opcode.LocalGet, 0).I32(1).Op(Opcode.I32Add).End());
        int main = m.Func(t, new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.Call, (uint)host).I32(1000).Op(Opcode.I32Add).End());
        m.Export("inc", ExternKind.Func, inc);
        m.Export("main", ExternKind.Func, main);
        ModuleInstance? inst = null;
        var fn = FunctionInstance.FromHost(new FuncType([I32], [I32]),
            args => [Call(inst!, "inc", FromI32(args[0].I32 * 2))[0]], "double_then_call");
        inst = m.Instantiate(store, imp => imp.Name == "double_then_call" ? fn : null);
        Assert.Equal(21 + 1000, Call(inst, "main", FromI32(10))[0].I32);
    }

    [Fact]
    public void UnknownAndIncompatibleImports()
    {
        var store = TestModule.NewStore();
        var m = new TestModule();
        int t = m.Type([I32], [I32]);
        m.ImportFunc("env", "f", t);
        var ex = Assert.Throws<WasmLinkException>(() => m.Instantiate(store));
        Assert.StartsWith("unknown import", ex.Message);
        var wrong = FunctionInstance.FromHost(new FuncType([I64], [I32]), _ => [FromI32(0)]);
        ex = Assert.Throws<WasmLinkException>(() => m.Instantiate(store, _ => wrong));
        Assert.StartsWith("incompatible import type", ex.Message);
    }
}
