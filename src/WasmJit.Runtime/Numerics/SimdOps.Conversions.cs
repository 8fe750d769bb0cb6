using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmJit.Runtime.Numerics;

// Lane conversions. Each one gives, lane by lane, exactly the bits of the ScalarOps conversion of the same name
// (trunc_sat, convert, demote, promote), which is what SimdScalar does and what the tests check.
internal static partial class SimdOps
{
    private const float TwoPow31F = 2147483648f;

    /// <summary>
    /// <c>i32x4.trunc_sat_f32x4_s</c>: cvttps2dq gives 0x80000000 for NaN and out-of-range lanes, which is already
    /// right for lanes below -2^31. NaN lanes are zeroed before the conversion, and lanes &gt;= 2^31 flipped to 0x7fffffff.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4TruncSatF32x4S(V128 a)
    {
        if (Sse2.IsSupported)
        {
            var x = a.AsSingle();
            x = Sse.And(x, Sse.CompareEqual(x, x));
            var r = Sse2.ConvertToVector128Int32WithTruncation(x);
            return (r ^ Sse.CompareGreaterThanOrEqual(x, Vector128.Create(TwoPow31F)).AsInt32()).AsByte();
        }

        return SimdScalar.I32x4TruncSatF32x4S(a);
    }

    /// <summary>
    /// <c>i32x4.trunc_sat_f32x4_u</c>, with only signed conversions available: clamp below at 0 (maxps also maps NaN
    /// to 0), convert x and x - 2^31 separately and add; the second part is clamped to [0, 0x7fffffff].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4TruncSatF32x4U(V128 a)
    {
        if (Sse41.IsSupported)
        {
            var x = Sse.Max(a.AsSingle(), Vector128<float>.Zero);
            var twoPow31 = Vector128.Create(TwoPow31F);
            var high = x - twoPow31; // exact for x in [2^31, 2^32)
            var highOverflow = Sse.CompareLessThanOrEqual(twoPow31, high).AsInt32(); // x >= 2^32
            var highPart = Sse41.Max(Sse2.ConvertToVector128Int32WithTruncation(high) ^ highOverflow, Vector128<int>.Zero);
            var lowPart = Sse2.ConvertToVector128Int32WithTruncation(x); // 0x80000000 for x >= 2^31
            return (lowPart + highPart).AsByte();
        }

        return SimdScalar.I32x4TruncSatF32x4U(a);
    }

    /// <summary>
    /// <c>i32x4.trunc_sat_f64x2_s_zero</c>: min(x, 2147483647.0) with NaN lanes replaced by 0 (minpd returns its second
    /// operand for NaN, and that operand is 0 in NaN lanes), then cvttpd2dq, which saturates low lanes to INT_MIN and
    /// zeroes the upper two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4TruncSatF64x2SZero(V128 a)
    {
        if (Sse2.IsSupported)
        {
            var x = a.AsDouble();
            var limit = Sse2.And(Sse2.CompareEqual(x, x), Vector128.Create(2147483647.0));
            return Sse2.ConvertToVector128Int32WithTruncation(Sse2.Min(x, limit)).AsByte();
        }

        return SimdScalar.I32x4TruncSatF64x2SZero(a);
    }

    /// <summary>
    /// <c>i32x4.trunc_sat_f64x2_u_zero</c>: clamp to [0, 4294967295] (maxpd maps NaN to 0), truncate, add 2^52 so the
    /// integer is the low 32 bits of the significand, and pick those dwords.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4TruncSatF64x2UZero(V128 a)
    {
        if (Sse41.IsSupported)
        {
            var x = Sse2.Max(a.AsDouble(), Vector128<double>.Zero);
            x = Sse41.RoundToZero(Sse2.Min(x, Vector128.Create(4294967295.0)));
            x += Vector128.Create(4503599627370496.0);
            return Sse.Shuffle(x.AsSingle(), Vector128<float>.Zero, 0b10_00_10_00).AsByte();
        }

        return SimdScalar.I32x4TruncSatF64x2UZero(a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4ConvertI32x4S(V128 a) => Vector128.ConvertToSingle(a.AsInt32()).AsByte();

    /// <summary>
    /// <c>f32x4.convert_i32x4_u</c> with one rounding: the high and low 16 bits convert exactly, scaling the high part
    /// by 2^16 is exact, and the final addition is the only rounding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4ConvertI32x4U(V128 a)
    {
        var v = a.AsInt32();
        var low = Vector128.ConvertToSingle(v & Vector128.Create(0xffff));
        var high = Vector128.ConvertToSingle(Vector128.ShiftRightLogical(v, 16)) * Vector128.Create(65536f);
        return (high + low).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2ConvertLowI32x4S(V128 a) => Sse2.IsSupported
        ? Sse2.ConvertToVector128Double(a.AsInt32()).AsByte()
        : SimdScalar.F64x2ConvertLowI32x4S(a);

    /// <summary>
    /// <c>f64x2.convert_low_i32x4_u</c>: 0x43300000_xxxxxxxx is the double 2^52 + x exactly, so placing the zero-extended
    /// lane under that exponent and subtracting 2^52 converts without rounding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2ConvertLowI32x4U(V128 a)
    {
        var biased = Vector128.WidenLower(a.AsUInt32()) | Vector128.Create(0x4330_0000_0000_0000UL);
        return (biased.AsDouble() - Vector128.Create(4503599627370496.0)).AsByte();
    }

    /// <summary><c>f32x4.demote_f64x2_zero</c>: cvtpd2ps (upper lanes 0); NaNs as in <see cref="ScalarOps.F32DemoteF64"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4DemoteF64x2Zero(V128 a) => Sse2.IsSupported
        ? Sse2.ConvertToVector128Single(a.AsDouble()).AsByte()
        : SimdScalar.F32x4DemoteF64x2Zero(a);

    /// <summary><c>f64x2.promote_low_f32x4</c>: cvtps2pd; NaNs as in <see cref="ScalarOps.F64PromoteF32"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2PromoteLowF32x4(V128 a) => Sse2.IsSupported
        ? Sse2.ConvertToVector128Double(a.AsSingle()).AsByte()
        : SimdScalar.F64x2PromoteLowF32x4(a);
}
