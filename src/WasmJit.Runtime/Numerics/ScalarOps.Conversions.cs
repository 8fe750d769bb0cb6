using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace WasmJit.Runtime.Numerics;

// Conversions (https://webassembly.github.io/spec/core/exec/numerics.html#conversions). The range checks are written
// as "inside the open interval of values whose truncation fits", with both bounds exactly representable in the
// source type, so a NaN fails every comparison and falls through to the trap/saturation path on its own.
internal static partial class ScalarOps
{
    private const float TwoPow31F = 2147483648f;
    private const float TwoPow32F = 4294967296f;
    private const float TwoPow63F = 9223372036854775808f;
    private const float TwoPow64F = 18446744073709551616f;
    private const double TwoPow31 = 2147483648.0;
    private const double TwoPow32 = 4294967296.0;
    private const double TwoPow63 = 9223372036854775808.0;
    private const double TwoPow64 = 18446744073709551616.0;

    // ---- trapping float -> int ----
    // Unsigned 32-bit results truncate through a signed 64-bit conversion (exact for the whole u32 range, one
    // cvttss2si on x64) and keep the low 32 bits.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32S(float x) =>
        x >= -TwoPow31F && x < TwoPow31F ? (int)x : TruncTrap<int>(float.IsNaN(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32U(float x) =>
        x > -1f && x < TwoPow32F ? (int)(long)x : TruncTrap<int>(float.IsNaN(x));

    // -2^31 - 1 is exact in f64, and everything strictly above it truncates to at least -2^31.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64S(double x) =>
        x > -TwoPow31 - 1 && x < TwoPow31 ? (int)x : TruncTrap<int>(double.IsNaN(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64U(double x) =>
        x > -1.0 && x < TwoPow32 ? (int)(long)x : TruncTrap<int>(double.IsNaN(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32S(float x) =>
        x >= -TwoPow63F && x < TwoPow63F ? (long)x : TruncTrap<long>(float.IsNaN(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32U(float x) =>
        x > -1f && x < TwoPow64F ? (long)TruncToUInt64(x) : TruncTrap<long>(float.IsNaN(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64S(double x) =>
        x >= -TwoPow63 && x < TwoPow63 ? (long)x : TruncTrap<long>(double.IsNaN(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64U(double x) =>
        x > -1.0 && x < TwoPow64 ? (long)TruncToUInt64(x) : TruncTrap<long>(double.IsNaN(x));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T TruncTrap<T>(bool isNaN) =>
        throw new WasmTrapException(isNaN ? TrapKind.InvalidConversionToInteger : TrapKind.IntegerOverflow);

    /// <summary>
    /// Truncates x in (-1, 2^64) to u64 without relying on how a given .NET version converts to ulong: values at or
    /// above 2^63 are shifted into the signed range first (exact: they are integers with at most 53 significant bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TruncToUInt64(double x) =>
        x < TwoPow63 ? (ulong)(long)x : (ulong)(long)(x - TwoPow63) | 0x8000_0000_0000_0000;

    // ---- saturating float -> int ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32S(float x)
    {
        if (x >= -TwoPow31F && x < TwoPow31F)
        {
            return (int)x;
        }

        return float.IsNaN(x) ? 0 : x < 0 ? int.MinValue : int.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32U(float x)
    {
        if (x > -1f && x < TwoPow32F)
        {
            return (int)(long)x;
        }

        return x >= TwoPow32F ? -1 : 0; // NaN and x <= -1 give 0
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64S(double x)
    {
        if (x > -TwoPow31 - 1 && x < TwoPow31)
        {
            return (int)x;
        }

        return double.IsNaN(x) ? 0 : x < 0 ? int.MinValue : int.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64U(double x)
    {
        if (x > -1.0 && x < TwoPow32)
        {
            return (int)(long)x;
        }

        return x >= TwoPow32 ? -1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32S(float x)
    {
        if (x >= -TwoPow63F && x < TwoPow63F)
        {
            return (long)x;
        }

        return float.IsNaN(x) ? 0 : x < 0 ? long.MinValue : long.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32U(float x)
    {
        if (x > -1f && x < TwoPow64F)
        {
            return (long)TruncToUInt64(x);
        }

        return x >= TwoPow64F ? -1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64S(double x)
    {
        if (x >= -TwoPow63 && x < TwoPow63)
        {
            return (long)x;
        }

        return double.IsNaN(x) ? 0 : x < 0 ? long.MinValue : long.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64U(double x)
    {
        if (x > -1.0 && x < TwoPow64)
        {
            return (long)TruncToUInt64(x);
        }

        return x >= TwoPow64 ? -1 : 0;
    }

    // ---- int -> float (all correctly rounded, ties to even) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI32S(int x) => x;

    // u32 -> f64 is exact, so the only rounding is the final f64 -> f32.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI32U(int x) => (float)(double)(uint)x;

    // cvtsi2ss with a 64-bit source rounds once (never via double).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64S(long x) => x;

    /// <summary>
    /// u64 -> f32 with one rounding. Going through double would round twice (2^63 + 2^39 + 1 would end at 2^63), so
    /// values with the top bit set are halved with the lost bit ORed back in as a sticky bit (it lies far below the
    /// rounding position, so the signed conversion rounds the same way) and doubled back, which is exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64U(long x)
    {
        if (x >= 0)
        {
            return x;
        }

        ulong u = (ulong)x;
        return (float)(long)((u >> 1) | (u & 1)) * 2f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI32S(int x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI32U(int x) => (uint)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI64S(long x) => x;

    /// <inheritdoc cref="F32ConvertI64U(long)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI64U(long x)
    {
        if (x >= 0)
        {
            return x;
        }

        ulong u = (ulong)x;
        return (double)(long)((u >> 1) | (u & 1)) * 2.0;
    }

    // ---- float <-> float ----

    /// <summary>
    /// f64 -> f32, rounding to nearest. A NaN becomes the arithmetic NaN with the same sign and the top payload bits,
    /// quiet bit set: spelled out in bits (it is what cvtsd2ss does) so it cannot depend on the platform.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32DemoteF64(double x)
    {
        if (!double.IsNaN(x))
        {
            return (float)x;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int sign = (int)((ulong)bits >> 32) & int.MinValue;
        return BitConverter.Int32BitsToSingle(sign | SoftFloat.F32CanonicalNaNBits | (int)((bits >> 29) & 0x3f_ffff));
    }

    /// <summary>f32 -> f64 (exact). A NaN keeps sign and payload (shifted to the top) and gets the quiet bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64PromoteF32(float x)
    {
        if (!float.IsNaN(x))
        {
            return x;
        }

        int bits = BitConverter.SingleToInt32Bits(x);
        long sign = (long)((ulong)(uint)(bits & int.MinValue) << 32);
        return BitConverter.Int64BitsToDouble(sign | SoftFloat.F64CanonicalNaNBits | ((long)(bits & 0x3f_ffff) << 29));
    }

    // ---- reinterpretations (bit-exact, signalling NaNs included) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32ReinterpretF32(float x) => BitConverter.SingleToInt32Bits(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64ReinterpretF64(double x) => BitConverter.DoubleToInt64Bits(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ReinterpretI32(int x) => BitConverter.Int32BitsToSingle(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ReinterpretI64(long x) => BitConverter.Int64BitsToDouble(x);
}
