using System.Runtime.CompilerServices;

namespace WasmJit.Runtime.Numerics;

// INTERIM: the numerics branch owns ScalarOps. This file only holds the operations the interpreter calls until
// that branch lands; delete it when merging (the real class replaces it, same names).

/// <summary>Scalar numeric operations with WebAssembly semantics (https://webassembly.github.io/spec/core/exec/numerics.html).</summary>
internal static class ScalarOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32DivS(int a, int b)
    {
        if (b == 0) WasmTrapException.Throw(TrapKind.IntegerDivideByZero);
        if (b == -1 && a == int.MinValue) WasmTrapException.Throw(TrapKind.IntegerOverflow);
        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32DivU(int a, int b)
    {
        if (b == 0) WasmTrapException.Throw(TrapKind.IntegerDivideByZero);
        return (int)((uint)a / (uint)b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemS(int a, int b)
    {
        if (b == 0) WasmTrapException.Throw(TrapKind.IntegerDivideByZero);
        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemU(int a, int b)
    {
        if (b == 0) WasmTrapException.Throw(TrapKind.IntegerDivideByZero);
        return (int)((uint)a % (uint)b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64DivS(long a, long b)
    {
        if (b == 0) WasmTrapException.Throw(TrapKind.IntegerDivideByZero);
        if (b == -1 && a == long.MinValue) WasmTrapException.Throw(TrapKind.IntegerOverflow);
        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64DivU(long a, long b)
    {
        if (b == 0) WasmTrapException.Throw(TrapKind.IntegerDivideByZero);
        return (long)((ulong)a / (ulong)b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemS(long a, long b)
    {
        if (b == 0) WasmTrapException.Throw(TrapKind.IntegerDivideByZero);
        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemU(long a, long b)
    {
        if (b == 0) WasmTrapException.Throw(TrapKind.IntegerDivideByZero);
        return (long)((ulong)a % (ulong)b);
    }

    public static float F32Min(float a, float b) =>
        float.IsNaN(a) || float.IsNaN(b) ? a + b : a == b ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | BitConverter.SingleToInt32Bits(b)) : a < b ? a : b;

    public static float F32Max(float a, float b) =>
        float.IsNaN(a) || float.IsNaN(b) ? a + b : a == b ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & BitConverter.SingleToInt32Bits(b)) : a > b ? a : b;

    public static double F64Min(double a, double b) =>
        double.IsNaN(a) || double.IsNaN(b) ? a + b : a == b ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | BitConverter.DoubleToInt64Bits(b)) : a < b ? a : b;

    public static double F64Max(double a, double b) =>
        double.IsNaN(a) || double.IsNaN(b) ? a + b : a == b ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & BitConverter.DoubleToInt64Bits(b)) : a > b ? a : b;

    public static float F32Ceil(float a) => MathF.Ceiling(a);
    public static float F32Floor(float a) => MathF.Floor(a);
    public static float F32Trunc(float a) => MathF.Truncate(a);
    public static float F32Nearest(float a) => MathF.Round(a, MidpointRounding.ToEven);
    public static float F32Sqrt(float a) => MathF.Sqrt(a);
    public static double F64Ceil(double a) => Math.Ceiling(a);
    public static double F64Floor(double a) => Math.Floor(a);
    public static double F64Trunc(double a) => Math.Truncate(a);
    public static double F64Nearest(double a) => Math.Round(a, MidpointRounding.ToEven);
    public static double F64Sqrt(double a) => Math.Sqrt(a);

    private static void CheckTrunc(double x, double lowExclusive, double highExclusive)
    {
        if (double.IsNaN(x)) WasmTrapException.Throw(TrapKind.InvalidConversionToInteger);
        if (!(x > lowExclusive && x < highExclusive)) WasmTrapException.Throw(TrapKind.IntegerOverflow);
    }

    public static int I32TruncF32S(float x) { CheckTrunc(x, -2147483649.0, 2147483648.0); return (int)x; }
    public static int I32TruncF32U(float x) { CheckTrunc(x, -1.0, 4294967296.0); return (int)(uint)x; }
    public static int I32TruncF64S(double x) { CheckTrunc(x, -2147483649.0, 2147483648.0); return (int)x; }
    public static int I32TruncF64U(double x) { CheckTrunc(x, -1.0, 4294967296.0); return (int)(uint)x; }
    public static long I64TruncF32S(float x) { CheckTrunc(x, -9223372036854777856.0, 9223372036854775808.0); return (long)x; }
    public static long I64TruncF32U(float x) { CheckTrunc(x, -1.0, 18446744073709551616.0); return (long)(ulong)x; }
    public static long I64TruncF64S(double x) { CheckTrunc(x, -9223372036854777856.0, 9223372036854775808.0); return (long)x; }
    public static long I64TruncF64U(double x) { CheckTrunc(x, -1.0, 18446744073709551616.0); return (long)(ulong)x; }

    public static int I32TruncSatF32S(float x) => I32TruncSatF64S(x);
    public static int I32TruncSatF32U(float x) => I32TruncSatF64U(x);
    public static int I32TruncSatF64S(double x) => double.IsNaN(x) ? 0 : x <= int.MinValue ? int.MinValue : x >= 2147483647.0 ? int.MaxValue : (int)x;
    public static int I32TruncSatF64U(double x) => double.IsNaN(x) || x <= 0 ? 0 : x >= 4294967295.0 ? -1 : (int)(uint)x;
    public static long I64TruncSatF32S(float x) => I64TruncSatF64S(x);
    public static long I64TruncSatF32U(float x) => I64TruncSatF64U(x);
    public static long I64TruncSatF64S(double x) => double.IsNaN(x) ? 0 : x <= -9223372036854775808.0 ? long.MinValue : x >= 9223372036854775808.0 ? long.MaxValue : (long)x;
    public static long I64TruncSatF64U(double x) => double.IsNaN(x) || x <= 0 ? 0 : x >= 18446744073709551616.0 ? -1 : (long)(ulong)x;

    public static float F32ConvertI64U(long v)
    {
        ulong x = (ulong)v;
        if (x <= long.MaxValue) return (float)(long)x;
        ulong h = (x >> 1) | (x & 1);
        return (float)(long)h * 2f;
    }

    public static double F64ConvertI64U(long v)
    {
        ulong x = (ulong)v;
        if (x <= long.MaxValue) return (double)(long)x;
        ulong h = (x >> 1) | (x & 1);
        return (double)(long)h * 2.0;
    }

    public static float F32DemoteF64(double x) => (float)x;
    public static double F64PromoteF32(float x) => x;
}
