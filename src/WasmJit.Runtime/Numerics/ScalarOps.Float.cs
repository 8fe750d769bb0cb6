using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WasmJit.Runtime.Numerics;

// Float operations (https://webassembly.github.io/spec/core/exec/numerics.html#floating-point-operations).
// NaN policy (see RATIONALE.md): arithmetic propagates like the hardware (a quieted operand NaN or the default NaN);
// min/max return the positive canonical NaN; rounding and sqrt return the operand NaN quieted; abs/neg/copysign are
// pure bit operations and keep every payload, signalling ones included.
internal static partial class ScalarOps
{
    // ---- f32 ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Abs(float x) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) & int.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Neg(float x) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) ^ int.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Copysign(float a, float b) => BitConverter.Int32BitsToSingle(
        (BitConverter.SingleToInt32Bits(a) & int.MaxValue) | (BitConverter.SingleToInt32Bits(b) & int.MinValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Ceil(float x) => Sse41.IsSupported
        ? Sse41.RoundToPositiveInfinityScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : SoftFloat.Round(x, IntegralRounding.Ceil);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Floor(float x) => Sse41.IsSupported
        ? Sse41.RoundToNegativeInfinityScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : SoftFloat.Round(x, IntegralRounding.Floor);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Trunc(float x) => Sse41.IsSupported
        ? Sse41.RoundToZeroScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : SoftFloat.Round(x, IntegralRounding.Trunc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Nearest(float x) => Sse41.IsSupported
        ? Sse41.RoundToNearestIntegerScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : SoftFloat.Round(x, IntegralRounding.Nearest);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Sqrt(float x) => Sse.IsSupported
        ? Sse.SqrtScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : MathF.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Add(float a, float b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Sub(float a, float b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Mul(float a, float b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Div(float a, float b) => a / b;

    /// <summary>wasm <c>fmin</c>: NaN if either is NaN (the positive canonical NaN), and -0 below +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Min(float a, float b)
    {
        if (a < b)
        {
            return a;
        }

        if (b < a)
        {
            return b;
        }

        // Equal (OR of the bits turns +0/-0 into -0 and leaves equal values alone) or unordered.
        return a == b
            ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | BitConverter.SingleToInt32Bits(b))
            : SoftFloat.F32CanonicalNaN;
    }

    /// <summary>wasm <c>fmax</c>: NaN if either is NaN (the positive canonical NaN), and +0 above -0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Max(float a, float b)
    {
        if (a > b)
        {
            return a;
        }

        if (b > a)
        {
            return b;
        }

        return a == b
            ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & BitConverter.SingleToInt32Bits(b))
            : SoftFloat.F32CanonicalNaN;
    }

    // ---- f64 ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Abs(double x) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & long.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Neg(double x) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) ^ long.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Copysign(double a, double b) => BitConverter.Int64BitsToDouble(
        (BitConverter.DoubleToInt64Bits(a) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(b) & long.MinValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Ceil(double x) => Sse41.IsSupported
        ? Sse41.RoundToPositiveInfinityScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : SoftFloat.Round(x, IntegralRounding.Ceil);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Floor(double x) => Sse41.IsSupported
        ? Sse41.RoundToNegativeInfinityScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : SoftFloat.Round(x, IntegralRounding.Floor);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Trunc(double x) => Sse41.IsSupported
        ? Sse41.RoundToZeroScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : SoftFloat.Round(x, IntegralRounding.Trunc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Nearest(double x) => Sse41.IsSupported
        ? Sse41.RoundToNearestIntegerScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : SoftFloat.Round(x, IntegralRounding.Nearest);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Sqrt(double x) => Sse2.IsSupported
        ? Sse2.SqrtScalar(Vector128.CreateScalarUnsafe(x)).ToScalar()
        : Math.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Add(double a, double b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Sub(double a, double b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Mul(double a, double b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Div(double a, double b) => a / b;

    /// <inheritdoc cref="F32Min(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Min(double a, double b)
    {
        if (a < b)
        {
            return a;
        }

        if (b < a)
        {
            return b;
        }

        return a == b
            ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | BitConverter.DoubleToInt64Bits(b))
            : SoftFloat.F64CanonicalNaN;
    }

    /// <inheritdoc cref="F32Max(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Max(double a, double b)
    {
        if (a > b)
        {
            return a;
        }

        if (b > a)
        {
            return b;
        }

        return a == b
            ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & BitConverter.DoubleToInt64Bits(b))
            : SoftFloat.F64CanonicalNaN;
    }
}
