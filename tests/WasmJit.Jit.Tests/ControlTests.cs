using static WasmJit.Jit.Tests.Code;

namespace WasmJit.Jit.Tests;

public class ControlTests
{
    private static readonly ValType I = ValType.I32;
    private static readonly ValType L = ValType.I64;

    [Fact]
    public void AddsTwoNumbers()
    {
        var m = new TestModule();
        int f = m.Func(TestModule.Sig([I, I], I), new Code().Get(0).Get(1).Op(I32Add));
        using var inst = new TestInstance(m);
        Assert.Equal(5, inst.I32(f, 2, 3));
        Assert.Equal(int.MinValue, inst.I32(f, int.MaxValue, 1));
    }

    [Fact]
    public void LoopComputesFactorial()
    {
        // (local acc) acc = 1; loop: if n == 0 break; acc *= n; n--; continue
        var m = new TestModule();
        var code = new Code().I32(1).Set(1)
            .Block().Loop()
                .Get(0).Op(I32Eqz).BrIf(1)
                .Get(1).Get(0).Op(I32Mul).Set(1)
                .Get(0).I32(1).Op(I32Sub).Set(0)
                .Br(0)
            .End().End()
            .Get(1);
        int f = m.Func(TestModule.Sig([I], I), code, [I]);
        using var inst = new TestInstance(m);
        Assert.Equal(1, inst.I32(f, 0));
        Assert.Equal(120, inst.I32(f, 5));
        Assert.Equal(479001600, inst.I32(f, 12));
    }

    [Fact]
    public void IfElseWithValuesAndOperandsBelowTheBlock()
    {
        // 100 + (if (result i32) (x > 0) then x*2 else 7)
        var m = new TestModule();
        var code = new Code().I32(100)
            .Get(0).I32(0).Op(I32GtS)
            .If(I32T).Get(0).I32(2).Op(I32Mul).Else().I32(7).End()
            .Op(I32Add);
        int f = m.Func(TestModule.Sig([I], I), code);
        using var inst = new TestInstance(m);
        Assert.Equal(110, inst.I32(f, 5));
        Assert.Equal(107, inst.I32(f, -5));
    }

    [Fact]
    public void BranchCarriesValuesOutOfNestedBlocks()
    {
        // 1000 + block (result i32) [ 5; block [ 9; x; br_if 1 (carry 9); drop ]; 3 ] -- stray 5 below the carried value
        var m = new TestModule();
        var code = new Code().I32(1000)
            .Block(I32T)
                .I32(5)
                .Block().I32(9).Get(0).BrIf(1).Op(0x1a).End()
                .Op(0x1a).I32(3)
            .End()
            .Op(I32Add);
        int f = m.Func(TestModule.Sig([I], I), code);
        using var inst = new TestInstance(m);
        Assert.Equal(1009, inst.I32(f, 1));
        Assert.Equal(1003, inst.I32(f, 0));
    }

    [Fact]
    public void BrTableSelectsTargets()
    {
        // block a, b, c nested; br_table [0 1 2] default 2 ; results 10, 20, 30
        var m = new TestModule();
        var code = new Code()
            .Block().Block().Block()
                .Get(0).Op(0x0e).U(3).U(0).U(1).U(2).U(2)
            .End().I32(10).Op(0x0f)
            .End().I32(20).Op(0x0f)
            .End().I32(30);
        int f = m.Func(TestModule.Sig([I], I), code);
        using var inst = new TestInstance(m);
        Assert.Equal(10, inst.I32(f, 0));
        Assert.Equal(20, inst.I32(f, 1));
        Assert.Equal(30, inst.I32(f, 2));
        Assert.Equal(30, inst.I32(f, 99));
        Assert.Equal(30, inst.I32(f, -1));
    }

    [Fact]
    public void BrTableCarriesAValue()
    {
        var m = new TestModule();
        var code = new Code()
            .Block(I32T).Block(I32T)
                .I32(7).Get(0).Op(0x0e).U(1).U(0).U(1)
            .End().I32(100).Op(I32Add)
            .End();
        int f = m.Func(TestModule.Sig([I], I), code);
        using var inst = new TestInstance(m);
        Assert.Equal(107, inst.I32(f, 0));
        Assert.Equal(7, inst.I32(f, 1));
    }

    [Fact]
    public void SelectAndDrop()
    {
        var m = new TestModule();
        int f = m.Func(TestModule.Sig([I, I, I], I), new Code().Get(0).Get(1).Get(2).Op(0x1b).I32(4).Op(0x1a));
        using var inst = new TestInstance(m);
        Assert.Equal(1, inst.I32(f, 1, 2, 3));
        Assert.Equal(2, inst.I32(f, 1, 2, 0));
    }

    [Fact]
    public void MultiValueFunctionsAndBlocks()
    {
        var m = new TestModule();
        // pair(x) = (x, x * 10 as i64)
        int pair = m.Func(TestModule.Sig([I], I, L), new Code().Get(0).Get(0).Op(0xac).I64(10).Op(0x7e));
        // sum(x) = let (a, b) = pair(x) in a + wrap(b) , via a multi-value block [i32 i64] -> [i32]
        int bt = m.TypeOf(TestModule.Sig([I, L], I));
        var code = new Code().Get(0).Call(pair)
            .Block((byte)bt).Op(0xa7).Op(I32Add).End();
        int sum = m.Func(TestModule.Sig([I], I), code);
        using var inst = new TestInstance(m);
        var r = inst.Call(pair, JitValue.I32(4));
        Assert.Equal(4, r[0].I32);
        Assert.Equal(40L, r[1].I64);
        Assert.Equal(44, inst.I32(sum, 4));
    }

    [Fact]
    public void UnreachableTrapsWithMessageAndBacktrace()
    {
        var m = new TestModule();
        int inner = m.Func(TestModule.Sig([], I), new Code().Op(0x00), name: "inner");
        int outer = m.Func(TestModule.Sig([], I), new Code().Call(inner).I32(1).Op(I32Add), name: "outer");
        using var inst = new TestInstance(m);
        var e = Assert.Throws<WasmTrapException>(() => inst.I32(outer));
        Assert.Equal(TrapKind.Unreachable, e.Kind);
        Assert.Equal("unreachable", e.Message);
        Assert.Equal(["test!inner (func 0)", "test!outer (func 1)"], e.WasmBacktrace);
    }

    [Fact]
    public void DeadCodeAfterBranchesIsSkipped()
    {
        var m = new TestModule();
        // block (result i32) 1 br 0 ; (dead: i64.add of nothing) end
        var code = new Code().Block(I32T).I32(1).Br(0).Op(0x7c).Op(0x00).Block().End().End();
        int f = m.Func(TestModule.Sig([], I), code);
        using var inst = new TestInstance(m);
        Assert.Equal(1, inst.I32(f));
    }
}
