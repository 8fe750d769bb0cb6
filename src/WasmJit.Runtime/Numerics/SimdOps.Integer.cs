using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmJit.Runtime.Numerics;

// Integer lane arithmetic: add/sub/mul (wrapping), neg/abs, saturating add/sub, min/max, avgr_u, shifts (count
// taken modulo the lane width), q15mulr_sat_s, extend, extmul, extadd_pairwise, dot and narrow.
internal static partial class SimdOps
{
    // ---- add / sub / mul / neg ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Add(V128 a, V128 b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Sub(V128 a, V128 b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Neg(V128 a) => V128.Zero - a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Add(V128 a, V128 b) => (a.AsUInt16() + b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Sub(V128 a, V128 b) => (a.AsUInt16() - b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Mul(V128 a, V128 b) => (a.AsUInt16() * b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Neg(V128 a) => (Vector128<ushort>.Zero - a.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4Add(V128 a, V128 b) => (a.AsUInt32() + b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4Sub(V128 a, V128 b) => (a.AsUInt32() - b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4Mul(V128 a, V128 b) => (a.AsUInt32() * b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4Neg(V128 a) => (Vector128<uint>.Zero - a.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2Add(V128 a, V128 b) => (a.AsUInt64() + b.AsUInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2Sub(V128 a, V128 b) => (a.AsUInt64() - b.AsUInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2Mul(V128 a, V128 b) => (a.AsUInt64() * b.AsUInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2Neg(V128 a) => (Vector128<ulong>.Zero - a.AsUInt64()).AsByte();

    // ---- abs (wrapping: abs(MIN) = MIN) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Abs(V128 a) => Ssse3.IsSupported ? Ssse3.Abs(a.AsSByte()) : SimdScalar.I8x16Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Abs(V128 a) => Ssse3.IsSupported ? Ssse3.Abs(a.AsInt16()).AsByte() : SimdScalar.I16x8Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4Abs(V128 a) => Ssse3.IsSupported ? Ssse3.Abs(a.AsInt32()).AsByte() : SimdScalar.I32x4Abs(a);

    /// <summary><c>i64x2.abs</c>: (x ^ s) - s with s the lane's sign mask (no SSE instruction before AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2Abs(V128 a)
    {
        var x = a.AsInt64();
        var sign = Vector128.LessThan(x, Vector128<long>.Zero);
        return ((x ^ sign) - sign).AsByte();
    }

    // ---- saturating add / sub ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16AddSatS(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.AddSaturate(a.AsSByte(), b.AsSByte()).AsByte() : SimdScalar.I8x16AddSatS(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16AddSatU(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.AddSaturate(a, b) : SimdScalar.I8x16AddSatU(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16SubSatS(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.SubtractSaturate(a.AsSByte(), b.AsSByte()).AsByte() : SimdScalar.I8x16SubSatS(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16SubSatU(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.SubtractSaturate(a, b) : SimdScalar.I8x16SubSatU(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8AddSatS(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.AddSaturate(a.AsInt16(), b.AsInt16()).AsByte() : SimdScalar.I16x8AddSatS(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8AddSatU(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.AddSaturate(a.AsUInt16(), b.AsUInt16()).AsByte() : SimdScalar.I16x8AddSatU(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8SubSatS(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.SubtractSaturate(a.AsInt16(), b.AsInt16()).AsByte() : SimdScalar.I16x8SubSatS(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8SubSatU(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.SubtractSaturate(a.AsUInt16(), b.AsUInt16()).AsByte() : SimdScalar.I16x8SubSatU(a, b);

    // ---- min / max ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16MinS(V128 a, V128 b) => Vector128.Min(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16MinU(V128 a, V128 b) => Vector128.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16MaxS(V128 a, V128 b) => Vector128.Max(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16MaxU(V128 a, V128 b) => Vector128.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8MinS(V128 a, V128 b) => Vector128.Min(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8MinU(V128 a, V128 b) => Vector128.Min(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8MaxS(V128 a, V128 b) => Vector128.Max(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8MaxU(V128 a, V128 b) => Vector128.Max(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4MinS(V128 a, V128 b) => Vector128.Min(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4MinU(V128 a, V128 b) => Vector128.Min(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4MaxS(V128 a, V128 b) => Vector128.Max(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4MaxU(V128 a, V128 b) => Vector128.Max(a.AsUInt32(), b.AsUInt32()).AsByte();

    // ---- avgr_u: (a + b + 1) >> 1 without overflow ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16AvgrU(V128 a, V128 b) => Sse2.IsSupported ? Sse2.Average(a, b) : SimdScalar.I8x16AvgrU(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8AvgrU(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.Average(a.AsUInt16(), b.AsUInt16()).AsByte() : SimdScalar.I16x8AvgrU(a, b);

    // ---- shifts ----
    // x86 has no 8-bit shifts: shift 16-bit lanes and clear the bits that crossed from the neighbouring byte.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Shl(V128 a, int count)
    {
        int n = count & 7;
        return Vector128.ShiftLeft(a.AsUInt16(), n).AsByte() & Vector128.Create((byte)(0xff << n));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16ShrU(V128 a, int count)
    {
        int n = count & 7;
        return Vector128.ShiftRightLogical(a.AsUInt16(), n).AsByte() & Vector128.Create((byte)(0xff >> n));
    }

    /// <summary><c>i8x16.shr_s</c>: logical shift, then sign-extend from the shifted sign bit m: (x ^ m) - m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16ShrS(V128 a, int count)
    {
        int n = count & 7;
        var m = Vector128.Create((byte)(0x80 >> n));
        var logical = Vector128.ShiftRightLogical(a.AsUInt16(), n).AsByte() & Vector128.Create((byte)(0xff >> n));
        return (logical ^ m) - m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Shl(V128 a, int count) => Vector128.ShiftLeft(a.AsInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ShrS(V128 a, int count) => Vector128.ShiftRightArithmetic(a.AsInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ShrU(V128 a, int count) => Vector128.ShiftRightLogical(a.AsUInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4Shl(V128 a, int count) => Vector128.ShiftLeft(a.AsInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ShrS(V128 a, int count) => Vector128.ShiftRightArithmetic(a.AsInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ShrU(V128 a, int count) => Vector128.ShiftRightLogical(a.AsUInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2Shl(V128 a, int count) => Vector128.ShiftLeft(a.AsInt64(), count & 63).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ShrS(V128 a, int count) => Vector128.ShiftRightArithmetic(a.AsInt64(), count & 63).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ShrU(V128 a, int count) => Vector128.ShiftRightLogical(a.AsUInt64(), count & 63).AsByte();

    // ---- q15mulr_sat_s ----

    /// <summary>
    /// <c>i16x8.q15mulr_sat_s</c>: sat16((a * b + 0x4000) >> 15). pmulhrsw computes exactly that but wraps the one
    /// overflowing case, -32768 * -32768, to 0x8000 (no other product rounds to 0x8000), so 0x8000 lanes flip to 0x7fff.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Q15mulrSatS(V128 a, V128 b)
    {
        if (Ssse3.IsSupported)
        {
            var r = Ssse3.MultiplyHighRoundScale(a.AsInt16(), b.AsInt16());
            return (r ^ Vector128.Equals(r, Vector128.Create(short.MinValue))).AsByte();
        }

        return SimdScalar.I16x8Q15mulrSatS(a, b);
    }

    // ---- extend ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtendLowI8x16S(V128 a) => Vector128.WidenLower(a.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtendHighI8x16S(V128 a) => Vector128.WidenUpper(a.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtendLowI8x16U(V128 a) => Vector128.WidenLower(a).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtendHighI8x16U(V128 a) => Vector128.WidenUpper(a).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtendLowI16x8S(V128 a) => Vector128.WidenLower(a.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtendHighI16x8S(V128 a) => Vector128.WidenUpper(a.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtendLowI16x8U(V128 a) => Vector128.WidenLower(a.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtendHighI16x8U(V128 a) => Vector128.WidenUpper(a.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtendLowI32x4S(V128 a) => Vector128.WidenLower(a.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtendHighI32x4S(V128 a) => Vector128.WidenUpper(a.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtendLowI32x4U(V128 a) => Vector128.WidenLower(a.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtendHighI32x4U(V128 a) => Vector128.WidenUpper(a.AsUInt32()).AsByte();

    // ---- extmul: widen, then multiply in the wide lane (the products always fit) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtmulLowI8x16S(V128 a, V128 b) =>
        (Vector128.WidenLower(a.AsSByte()) * Vector128.WidenLower(b.AsSByte())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtmulHighI8x16S(V128 a, V128 b) =>
        (Vector128.WidenUpper(a.AsSByte()) * Vector128.WidenUpper(b.AsSByte())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtmulLowI8x16U(V128 a, V128 b) => (Vector128.WidenLower(a) * Vector128.WidenLower(b)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtmulHighI8x16U(V128 a, V128 b) => (Vector128.WidenUpper(a) * Vector128.WidenUpper(b)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtmulLowI16x8S(V128 a, V128 b) =>
        (Vector128.WidenLower(a.AsInt16()) * Vector128.WidenLower(b.AsInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtmulHighI16x8S(V128 a, V128 b) =>
        (Vector128.WidenUpper(a.AsInt16()) * Vector128.WidenUpper(b.AsInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtmulLowI16x8U(V128 a, V128 b) =>
        (Vector128.WidenLower(a.AsUInt16()) * Vector128.WidenLower(b.AsUInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtmulHighI16x8U(V128 a, V128 b) =>
        (Vector128.WidenUpper(a.AsUInt16()) * Vector128.WidenUpper(b.AsUInt16())).AsByte();

    // i32 -> i64 products: pmuldq/pmuludq multiply lanes 0 and 2, so spread the wanted pair there first
    // (a 64-bit vector multiply would need AVX-512 or a three-multiply emulation).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtmulLowI32x4S(V128 a, V128 b) => Sse41.IsSupported
        ? Sse41.Multiply(Sse2.Shuffle(a.AsInt32(), 0b01_01_00_00), Sse2.Shuffle(b.AsInt32(), 0b01_01_00_00)).AsByte()
        : SimdScalar.I64x2ExtmulLowI32x4S(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtmulHighI32x4S(V128 a, V128 b) => Sse41.IsSupported
        ? Sse41.Multiply(Sse2.Shuffle(a.AsInt32(), 0b11_11_10_10), Sse2.Shuffle(b.AsInt32(), 0b11_11_10_10)).AsByte()
        : SimdScalar.I64x2ExtmulHighI32x4S(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtmulLowI32x4U(V128 a, V128 b) => Sse2.IsSupported
        ? Sse2.Multiply(Sse2.Shuffle(a.AsUInt32(), 0b01_01_00_00), Sse2.Shuffle(b.AsUInt32(), 0b01_01_00_00)).AsByte()
        : SimdScalar.I64x2ExtmulLowI32x4U(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ExtmulHighI32x4U(V128 a, V128 b) => Sse2.IsSupported
        ? Sse2.Multiply(Sse2.Shuffle(a.AsUInt32(), 0b11_11_10_10), Sse2.Shuffle(b.AsUInt32(), 0b11_11_10_10)).AsByte()
        : SimdScalar.I64x2ExtmulHighI32x4U(a, b);

    // ---- extadd_pairwise ----

    /// <summary>pmaddubsw(1, a) with a signed: a[2i] + a[2i+1] (|sum| &lt;= 256, never saturates).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtaddPairwiseI8x16S(V128 a) => Ssse3.IsSupported
        ? Ssse3.MultiplyAddAdjacent(Vector128.Create((byte)1), a.AsSByte()).AsByte()
        : SimdScalar.I16x8ExtaddPairwiseI8x16S(a);

    /// <summary>pmaddubsw(a, 1) with a unsigned: a[2i] + a[2i+1] (&lt;= 510, never saturates).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ExtaddPairwiseI8x16U(V128 a) => Ssse3.IsSupported
        ? Ssse3.MultiplyAddAdjacent(a, Vector128.Create((sbyte)1)).AsByte()
        : SimdScalar.I16x8ExtaddPairwiseI8x16U(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtaddPairwiseI16x8S(V128 a) => Sse2.IsSupported
        ? Sse2.MultiplyAddAdjacent(a.AsInt16(), Vector128.Create((short)1)).AsByte()
        : SimdScalar.I32x4ExtaddPairwiseI16x8S(a);

    /// <summary>pmaddwd is signed only: bias each u16 by -32768 (flip the top bit), add pairs, add 65536 back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ExtaddPairwiseI16x8U(V128 a) => Sse2.IsSupported
        ? (Sse2.MultiplyAddAdjacent((a.AsUInt16() ^ Vector128.Create((ushort)0x8000)).AsInt16(), Vector128.Create((short)1))
           + Vector128.Create(0x1_0000)).AsByte()
        : SimdScalar.I32x4ExtaddPairwiseI16x8U(a);

    // ---- dot ----

    /// <summary><c>i32x4.dot_i16x8_s</c>: pmaddwd, which wraps the single overflowing case (2 * 2^30) like wasm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4DotI16x8S(V128 a, V128 b) => Sse2.IsSupported
        ? Sse2.MultiplyAddAdjacent(a.AsInt16(), b.AsInt16()).AsByte()
        : SimdScalar.I32x4DotI16x8S(a, b);

    // ---- narrow (saturating; the input lanes are always read as signed) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16NarrowI16x8S(V128 a, V128 b) => Sse2.IsSupported
        ? Sse2.PackSignedSaturate(a.AsInt16(), b.AsInt16()).AsByte()
        : SimdScalar.I8x16NarrowI16x8S(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16NarrowI16x8U(V128 a, V128 b) => Sse2.IsSupported
        ? Sse2.PackUnsignedSaturate(a.AsInt16(), b.AsInt16())
        : SimdScalar.I8x16NarrowI16x8U(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8NarrowI32x4S(V128 a, V128 b) => Sse2.IsSupported
        ? Sse2.PackSignedSaturate(a.AsInt32(), b.AsInt32()).AsByte()
        : SimdScalar.I16x8NarrowI32x4S(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8NarrowI32x4U(V128 a, V128 b) => Sse41.IsSupported
        ? Sse41.PackUnsignedSaturate(a.AsInt32(), b.AsInt32()).AsByte()
        : SimdScalar.I16x8NarrowI32x4U(a, b);
}
