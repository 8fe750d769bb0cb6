using System.Runtime.CompilerServices;

namespace WasmJit.Runtime.Numerics;

/// <summary>How <see cref="SoftFloat"/> rounds a float to an integral value (the four wasm rounding instructions).</summary>
internal enum IntegralRounding
{
    /// <summary><c>nearest</c>: to nearest, ties to even.</summary>
    Nearest,

    /// <summary><c>floor</c>: toward negative infinity.</summary>
    Floor,

    /// <summary><c>ceil</c>: toward positive infinity.</summary>
    Ceil,

    /// <summary><c>trunc</c>: toward zero.</summary>
    Trunc,
}

/// <summary>
/// Bit-level float helpers: the canonical NaNs, quieting, and a portable implementation of <c>fceil</c>,
/// <c>ffloor</c>, <c>ftrunc</c> and <c>fnearest</c> (https://webassembly.github.io/spec/core/exec/numerics.html#op-fceil)
/// that works on the bits only, so it never depends on the FPU or on how a runtime fallback treats NaNs. It is the
/// path taken without SSE4.1 and the independent reference the <c>roundss</c>/<c>roundps</c> paths are tested against.
/// </summary>
internal static class SoftFloat
{
    public const int F32CanonicalNaNBits = 0x7fc0_0000;
    public const long F64CanonicalNaNBits = 0x7ff8_0000_0000_0000;
    public const int F32QuietBit = 0x0040_0000;
    public const long F64QuietBit = 0x0008_0000_0000_0000;

    /// <summary>The positive canonical NaN, the NaN result WasmJit picks whenever the spec allows any canonical NaN.</summary>
    public static float F32CanonicalNaN
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BitConverter.Int32BitsToSingle(F32CanonicalNaNBits);
    }

    public static double F64CanonicalNaN
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BitConverter.Int64BitsToDouble(F64CanonicalNaNBits);
    }

    /// <summary>Sets the quiet bit, keeping sign and payload: what x86 and Arm do to a NaN operand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Quiet(float nan) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(nan) | F32QuietBit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Quiet(double nan) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(nan) | F64QuietBit);

    /// <summary>Rounds to an integral value; NaNs come back quieted, infinities and zeros unchanged, signs kept.</summary>
    public static float Round(float x, IntegralRounding mode)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int exp = ((bits >> 23) & 0xff) - 127;
        if (exp >= 23)
        {
            // Already integral, or infinite, or NaN.
            return exp == 128 && (bits & 0x7f_ffff) != 0 ? Quiet(x) : x;
        }

        bool negative = bits < 0;
        if (exp < 0)
        {
            // |x| < 1: the result is +-0 or +-1 with the sign of x (so ceil(-0.5) = -0, floor(0.5) = +0).
            if ((bits & int.MaxValue) == 0)
            {
                return x;
            }

            bool one = mode switch
            {
                IntegralRounding.Floor => negative,
                IntegralRounding.Ceil => !negative,
                IntegralRounding.Nearest => exp == -1 && (bits & 0x7f_ffff) != 0, // strictly above one half
                _ => false,
            };
            return BitConverter.Int32BitsToSingle((bits & int.MinValue) | (one ? 0x3f80_0000 : 0));
        }

        int fracMask = 0x7f_ffff >> exp;
        int frac = bits & fracMask;
        if (frac == 0)
        {
            return x;
        }

        int unit = fracMask + 1; // the last integral place
        bool up = mode switch
        {
            IntegralRounding.Floor => negative,
            IntegralRounding.Ceil => !negative,
            IntegralRounding.Nearest => frac > (unit >> 1) || (frac == (unit >> 1) && (exp == 0 || (bits & unit) != 0)),
            _ => false,
        };

        // Clearing the fraction truncates the magnitude; adding one unit may carry into the exponent, which is
        // exactly the next integer (1.5 -> 2.0), so no renormalisation is needed.
        bits &= ~fracMask;
        if (up)
        {
            bits += unit;
        }

        return BitConverter.Int32BitsToSingle(bits);
    }

    /// <inheritdoc cref="Round(float, IntegralRounding)"/>
    public static double Round(double x, IntegralRounding mode)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exp = (int)((bits >> 52) & 0x7ff) - 1023;
        if (exp >= 52)
        {
            return exp == 1024 && (bits & 0xf_ffff_ffff_ffff) != 0 ? Quiet(x) : x;
        }

        bool negative = bits < 0;
        if (exp < 0)
        {
            if ((bits & long.MaxValue) == 0)
            {
                return x;
            }

            bool one = mode switch
            {
                IntegralRounding.Floor => negative,
                IntegralRounding.Ceil => !negative,
                IntegralRounding.Nearest => exp == -1 && (bits & 0xf_ffff_ffff_ffff) != 0,
                _ => false,
            };
            return BitConverter.Int64BitsToDouble((bits & long.MinValue) | (one ? 0x3ff0_0000_0000_0000 : 0));
        }

        long fracMask = 0xf_ffff_ffff_ffff >> exp;
        long frac = bits & fracMask;
        if (frac == 0)
        {
            return x;
        }

        long unit = fracMask + 1;
        bool up = mode switch
        {
            IntegralRounding.Floor => negative,
            IntegralRounding.Ceil => !negative,
            IntegralRounding.Nearest => frac > (unit >> 1) || (frac == (unit >> 1) && (exp == 0 || (bits & unit) != 0)),
            _ => false,
        };
        bits &= ~fracMask;
        if (up)
        {
            bits += unit;
        }

        return BitConverter.Int64BitsToDouble(bits);
    }
}
