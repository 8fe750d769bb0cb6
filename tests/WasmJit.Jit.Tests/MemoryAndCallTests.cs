using static WasmJit.Jit.Tests.Code;

namespace WasmJit.Jit.Tests;

public class MemoryAndCallTests
{
    private static readonly ValType I = ValType.I32;
    private static readonly ValType L = ValType.I64;

    private static TestModule WithMemory(ulong pages = 1, ulong? max = 4)
    {
        var m = new TestModule();
        m.Memories.Add(new MemoryType(new Limits(pages, max), false, false));
        return m;
    }

    [Fact]
    public void LoadsAndStoresUpToTheLastByte()
    {
        var m = WithMemory();
        int store = m.Func(TestModule.Sig([I, I], []), new Code().Get(0).Get(1).Mem(I32Store, offset: 0, align: 2));
        int load = m.Func(TestModule.Sig([I], I), new Code().Get(0).Mem(I32Load, offset: 0, align: 2));
        int load8 = m.Func(TestModule.Sig([I], I), new Code().Get(0).Mem(I32Load8U, offset: 4));
        using var inst = new TestInstance(m);
        inst.Call(store, JitValue.I32(65532), JitValue.I32(0x11223344));
        Assert.Equal(0x11223344, inst.I32(load, 65532));
        Assert.Equal(0x44, inst.I32(load8, 65528));
        Assert.Equal(0x11, inst.I32(load8, 65531));
        var e = Assert.Throws<WasmTrapException>(() => inst.I32(load, 65533));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
        Assert.Equal("out of bounds memory access", e.Message);
        // Addresses are unsigned: -1 is 4 GiB - 1, far out of bounds, and the offset must not wrap.
        Assert.Throws<WasmTrapException>(() => inst.I32(load, -1));
        Assert.Throws<WasmTrapException>(() => inst.I32(load8, -4));
        Assert.Throws<WasmTrapException>(() => inst.Call(store, JitValue.I32(65533), JitValue.I32(1)));
    }

    [Fact]
    public void MemoryGrowExtendsTheBoundsSeenByCompiledCode()
    {
        var m = WithMemory(1, 3);
        int grow = m.Func(TestModule.Sig([I], I), new Code().Get(0).Op(0x40, 0x00));
        int size = m.Func(TestModule.Sig([], I), new Code().Op(0x3f, 0x00));
        // grow(1) then load at 65536 in the same function: the cached length must be refreshed.
        int growThenLoad = m.Func(TestModule.Sig([], I), new Code().I32(1).Op(0x40, 0x00).Op(0x1a).I32(65536).Mem(I32Load));
        using var inst = new TestInstance(m);
        Assert.Equal(1, inst.I32(size));
        Assert.Equal(0, inst.I32(growThenLoad));
        Assert.Equal(2, inst.I32(size));
        Assert.Equal(2, inst.I32(grow, 1));
        Assert.Equal(-1, inst.I32(grow, 1));
        Assert.Equal(3, inst.I32(size));
    }

    [Fact]
    public void Memory64UsesSixtyFourBitAddresses()
    {
        var m = new TestModule();
        m.Memories.Add(new MemoryType(new Limits(1, 2), false, true));
        int load = m.Func(TestModule.Sig([L], L), new Code().Get(0).Mem(0x29, offset: 8));
        int store = m.Func(TestModule.Sig([L, L], []), new Code().Get(0).Get(1).Mem(0x37));
        using var inst = new TestInstance(m);
        inst.Call(store, JitValue.I64(65528), JitValue.I64(0x0102030405060708));
        Assert.Equal(0x0102030405060708, inst.Call(load, JitValue.I64(65520))[0].I64);
        Assert.Throws<WasmTrapException>(() => inst.Call(load, JitValue.I64(65521)));
        Assert.Throws<WasmTrapException>(() => inst.Call(load, JitValue.I64(-8)));
        Assert.Throws<WasmTrapException>(() => inst.Call(load, JitValue.I64(long.MaxValue)));
    }

    [Fact]
    public void BulkMemoryFillAndCopy()
    {
        var m = WithMemory();
        int fill = m.Func(TestModule.Sig([I, I, I], []), new Code().Get(0).Get(1).Get(2).Op(0xfc).U(11).Op(0));
        int copy = m.Func(TestModule.Sig([I, I, I], []), new Code().Get(0).Get(1).Get(2).Op(0xfc).U(10).Op(0, 0));
        int load8 = m.Func(TestModule.Sig([I], I), new Code().Get(0).Mem(I32Load8U));
        using var inst = new TestInstance(m);
        inst.Call(fill, JitValue.I32(10), JitValue.I32(0xab), JitValue.I32(4));
        inst.Call(copy, JitValue.I32(12), JitValue.I32(10), JitValue.I32(4));
        Assert.Equal(0xab, inst.I32(load8, 15));
        Assert.Equal(0, inst.I32(load8, 16));
        var e = Assert.Throws<WasmTrapException>(() => inst.Call(fill, JitValue.I32(65535), JitValue.I32(1), JitValue.I32(2)));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
    }

    [Fact]
    public void RecursiveCallsComputeFibonacci()
    {
        var m = new TestModule();
        // fib(n) = n < 2 ? n : fib(n-1) + fib(n-2); function 0 calls itself
        var code = new Code().Get(0).I32(2).Op(I32LtS)
            .If(I32T).Get(0)
            .Else().Get(0).I32(1).Op(I32Sub).Call(0).Get(0).I32(2).Op(I32Sub).Call(0).Op(I32Add).End();
        int fib = m.Func(TestModule.Sig([I], I), code, name: "fib");
        using var inst = new TestInstance(m);
        Assert.Equal(6765, inst.I32(fib, 20));
    }

    [Fact]
    public async Task DeepRecursionTrapsAndTheProcessLives()
    {
        var m = new TestModule();
        int f = m.Func(TestModule.Sig([I], I), new Code().Get(0).I32(1).Op(I32Add).Call(0), name: "forever");
        using var inst = new TestInstance(m);
        var e = Assert.Throws<WasmTrapException>(() => inst.I32(f, 0));
        Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
        Assert.Equal("call stack exhausted", e.Message);
        // Also on a thread-pool thread (1.5 MB stack), and the instance stays usable.
        var kind = await Task.Run(() => Assert.Throws<WasmTrapException>(() => inst.I32(f, 0)).Kind);
        Assert.Equal(TrapKind.CallStackExhausted, kind);
    }

    [Fact]
    public void TailCallsRunInConstantStack()
    {
        var m = new TestModule();
        // count(n, acc) = n == 0 ? acc : return_call count(n - 1, acc + 1)
        var code = new Code().Get(0).Op(I32Eqz)
            .If(I32T).Get(1)
            .Else().Get(0).I32(1).Op(I32Sub).Get(1).I32(1).Op(I32Add).Op(0x12).U(0).End();
        int count = m.Func(TestModule.Sig([I, I], I), code);
        using var inst = new TestInstance(m);
        Assert.Equal(3_000_000, inst.I32(count, 3_000_000, 0));
    }

    [Fact]
    public void HostImportsAreCalledWithTypedArguments()
    {
        var m = new TestModule();
        int host = m.Import("mul3", TestModule.Sig([I, L], L));
        int f = m.Func(TestModule.Sig([I], L), new Code().Get(0).I64(5).Call(host).I64(1).Op(0x7c));
        var calls = 0;
        using var inst = new TestInstance(m, new Func<int, long, long>((a, b) => { calls++; return a * b * 3; }));
        Assert.Equal(61L, inst.Call(f, JitValue.I32(4))[0].I64);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void CallIndirectChecksIndexNullAndType()
    {
        var m = new TestModule();
        m.Tables.Add(new TableType(ValType.FuncRef, new Limits(4, null), false));
        int inc = m.Func(TestModule.Sig([I], I), new Code().Get(0).I32(1).Op(I32Add));
        int dbl = m.Func(TestModule.Sig([I], I), new Code().Get(0).I32(2).Op(I32Mul));
        int other = m.Func(TestModule.Sig([L], L), new Code().Get(0));
        int sigI = m.TypeOf(TestModule.Sig([I], I));
        int dispatch = m.Func(TestModule.Sig([I, I], I), new Code().Get(1).Get(0).Op(0x11).U((uint)sigI).U(0));
        using var inst = new TestInstance(m);
        inst.SetTable(0, 0, inc);
        inst.SetTable(0, 1, dbl);
        inst.SetTable(0, 2, other);
        Assert.Equal(11, inst.I32(dispatch, 0, 10));
        Assert.Equal(20, inst.I32(dispatch, 1, 10));
        Assert.Equal("indirect call type mismatch", Assert.Throws<WasmTrapException>(() => inst.I32(dispatch, 2, 1)).Message);
        Assert.Equal("uninitialized element", Assert.Throws<WasmTrapException>(() => inst.I32(dispatch, 3, 1)).Message);
        Assert.Equal("undefined element", Assert.Throws<WasmTrapException>(() => inst.I32(dispatch, 4, 1)).Message);
        Assert.Equal("undefined element", Assert.Throws<WasmTrapException>(() => inst.I32(dispatch, -1, 1)).Message);
    }

    [Fact]
    public void GlobalsReadAndWrite()
    {
        var m = new TestModule();
        m.Globals.Add(new GlobalType(L, true));
        int bump = m.Func(TestModule.Sig([L], L), new Code().Op(0x23, 0).Get(0).Op(0x7c).Op(0x24, 0).Op(0x23, 0));
        using var inst = new TestInstance(m);
        Assert.Equal(5L, inst.Call(bump, JitValue.I64(5))[0].I64);
        Assert.Equal(12L, inst.Call(bump, JitValue.I64(7))[0].I64);
    }

    [Fact]
    public void SimdLoadsStoresAndLaneAccess()
    {
        var m = WithMemory();
        // v128.store at 0 of a const, then load8x8_s at 0 and extract via v128.store64_lane lane 1 to 32, read i64
        var bytes = Enumerable.Range(0, 16).Select(i => (byte)(i * 17)).ToArray();
        var code = new Code().I32(0).Simd(12).Op(bytes).Simd(11).U(4).U(0)
            .I32(32).I32(0).Simd(1).U(3).U(0).Simd(91).U(3).U(0).Op(1)
            .I32(32).Mem(0x29);
        int f = m.Func(TestModule.Sig([], L), code);
        using var inst = new TestInstance(m);
        // load8x8_s widens bytes 0..7 to i16 lanes; lane 1 of the i64x2 view is bytes 4..7 -> i16 (68, 85, 102, 119)
        long expected = 68 | (85L << 16) | (102L << 32) | (119L << 48);
        Assert.Equal(expected, inst.Call(f)[0].I64);
    }
}
