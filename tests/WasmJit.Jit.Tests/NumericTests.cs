using System.Runtime.Intrinsics;
using static WasmJit.Jit.Tests.Code;

namespace WasmJit.Jit.Tests;

/// <summary>Operators compiled as calls to the shared ScalarOps/SimdOps, checked against the spec's semantics.</summary>
public class NumericTests
{
    private static readonly ValType I = ValType.I32;
    private static readonly ValType L = ValType.I64;
    private static readonly ValType V = ValType.V128;

    [Fact]
    public void IntegerDivisionTrapsLikeTheSpec()
    {
        var m = new TestModule();
        int divS = m.Func(TestModule.Sig([I, I], I), new Code().Get(0).Get(1).Op(0x6d));
        int remS = m.Func(TestModule.Sig([I, I], I), new Code().Get(0).Get(1).Op(0x6f));
        int divU = m.Func(TestModule.Sig([I, I], I), new Code().Get(0).Get(1).Op(0x6e));
        using var inst = new TestInstance(m);
        Assert.Equal(-3, inst.I32(divS, -7, 2));
        Assert.Equal(-1, inst.I32(remS, -7, 2));
        Assert.Equal(0, inst.I32(remS, int.MinValue, -1));
        Assert.Equal(int.MaxValue, inst.I32(divU, -1, 2));
        Assert.Equal("integer divide by zero", Assert.Throws<WasmTrapException>(() => inst.I32(divS, 1, 0)).Message);
        Assert.Equal("integer overflow", Assert.Throws<WasmTrapException>(() => inst.I32(divS, int.MinValue, -1)).Message);
    }

    [Fact]
    public void FloatToIntConversionsTrapOrSaturate()
    {
        var m = new TestModule();
        int trunc = m.Func(TestModule.Sig([ValType.F64], I), new Code().Get(0).Op(0xaa));
        int sat = m.Func(TestModule.Sig([ValType.F64], I), new Code().Get(0).Op(0xfc).U(2));
        int shifts = m.Func(TestModule.Sig([I, I], I), new Code().Get(0).Get(1).Op(0x74).Get(0).Get(1).Op(0x77).Op(0x73));
        using var inst = new TestInstance(m);
        Assert.Equal(-3, inst.Call(trunc, JitValue.F64(-3.9))[0].I32);
        Assert.Equal("invalid conversion to integer", Assert.Throws<WasmTrapException>(() => inst.Call(trunc, JitValue.F64(double.NaN))).Message);
        Assert.Equal("integer overflow", Assert.Throws<WasmTrapException>(() => inst.Call(trunc, JitValue.F64(3e9))).Message);
        Assert.Equal(int.MaxValue, inst.Call(sat, JitValue.F64(3e9))[0].I32);
        Assert.Equal(0, inst.Call(sat, JitValue.F64(double.NaN))[0].I32);
        // shl and rotl take the count modulo 32
        Assert.Equal((1 << 1) ^ (int)uint.RotateLeft(1, 33), inst.I32(shifts, 1, 33));
    }

    [Fact]
    public void SimdArithmeticLanesAndShuffle()
    {
        var m = new TestModule();
        // i32x4.add, then replace lane 2 with x, shuffle reversing the i32 lanes, extract lane 0
        var reverse = new byte[] { 12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3 };
        var code = new Code().Get(0).Get(1).Simd(174)
            .Get(2).Simd(28).Op(2)
            .Get(0).Simd(13).Op(reverse)
            .Simd(27).Op(1);
        int f = m.Func(TestModule.Sig([V, V, I], I), code);
        using var inst = new TestInstance(m);
        var a = Vector128.Create(1, 2, 3, 4).AsByte();
        var b = Vector128.Create(10, 20, 30, 40).AsByte();
        // sum = (11, 22, 33, 44); replace lane 2 -> (11, 22, 99, 44); shuffle(sum', a) picks lanes 3,2,1,0 of sum'
        Assert.Equal(99, inst.Call(f, JitValue.V128(a), JitValue.V128(b), JitValue.I32(99))[0].I32);
    }

    [Fact]
    public void FloatMinMaxAndNearestFollowTheSpec()
    {
        var m = new TestModule();
        int min = m.Func(TestModule.Sig([ValType.F64, ValType.F64], ValType.F64), new Code().Get(0).Get(1).Op(0xa4));
        int nearest = m.Func(TestModule.Sig([ValType.F64], ValType.F64), new Code().Get(0).Op(0x9e));
        int le = m.Func(TestModule.Sig([ValType.F64, ValType.F64], I), new Code().Get(0).Get(1).Op(0x65));
        using var inst = new TestInstance(m);
        Assert.Equal(double.NegativeZero, inst.Call(min, JitValue.F64(0.0), JitValue.F64(-0.0))[0].F64);
        Assert.True(double.IsNaN(inst.Call(min, JitValue.F64(1), JitValue.F64(double.NaN))[0].F64));
        Assert.Equal(2.0, inst.Call(nearest, JitValue.F64(2.5))[0].F64);
        Assert.Equal(0, inst.Call(le, JitValue.F64(double.NaN), JitValue.F64(1))[0].I32);
        Assert.Equal(1, inst.Call(le, JitValue.F64(1), JitValue.F64(1))[0].I32);
    }

    [Fact]
    public void I64ComparisonsAndCounts()
    {
        var m = new TestModule();
        int ltU = m.Func(TestModule.Sig([L, L], I), new Code().Get(0).Get(1).Op(0x54));
        int clz = m.Func(TestModule.Sig([L], L), new Code().Get(0).Op(0x79));
        using var inst = new TestInstance(m);
        Assert.Equal(1, inst.Call(ltU, JitValue.I64(1), JitValue.I64(-1))[0].I32);
        Assert.Equal(0, inst.Call(ltU, JitValue.I64(-1), JitValue.I64(1))[0].I32);
        Assert.Equal(64L, inst.Call(clz, JitValue.I64(0))[0].I64);
        Assert.Equal(63L, inst.Call(clz, JitValue.I64(1))[0].I64);
    }
}
