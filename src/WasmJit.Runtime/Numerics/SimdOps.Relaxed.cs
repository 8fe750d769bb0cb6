using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmJit.Runtime.Numerics;

// Relaxed SIMD (https://webassembly.github.io/spec/core/exec/numerics.html#relaxed-operations). WasmJit fixes every
// implementation-defined parameter R to 0, the spec's deterministic profile: each relaxed instruction is its strict
// counterpart (or unfused multiply-add). Why, and what it costs on x86, per op: RATIONALE.md.
internal static partial class SimdOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16RelaxedSwizzle(V128 a, V128 s) => I8x16Swizzle(a, s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4RelaxedTruncF32x4S(V128 a) => I32x4TruncSatF32x4S(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4RelaxedTruncF32x4U(V128 a) => I32x4TruncSatF32x4U(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4RelaxedTruncF64x2SZero(V128 a) => I32x4TruncSatF64x2SZero(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4RelaxedTruncF64x2UZero(V128 a) => I32x4TruncSatF64x2UZero(a);

    /// <summary>Unfused a * b + c: two roundings. RyuJIT never contracts a multiply and an add into an FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4RelaxedMadd(V128 a, V128 b, V128 c) => (a.AsSingle() * b.AsSingle() + c.AsSingle()).AsByte();

    /// <summary>The spec's relaxed_madd(-a, b, c): the negation is a sign-bit flip of a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4RelaxedNmadd(V128 a, V128 b, V128 c) => F32x4RelaxedMadd(F32x4Neg(a), b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2RelaxedMadd(V128 a, V128 b, V128 c) => (a.AsDouble() * b.AsDouble() + c.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2RelaxedNmadd(V128 a, V128 b, V128 c) => F64x2RelaxedMadd(F64x2Neg(a), b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16RelaxedLaneselect(V128 a, V128 b, V128 m) => V128Bitselect(a, b, m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8RelaxedLaneselect(V128 a, V128 b, V128 m) => V128Bitselect(a, b, m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4RelaxedLaneselect(V128 a, V128 b, V128 m) => V128Bitselect(a, b, m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2RelaxedLaneselect(V128 a, V128 b, V128 m) => V128Bitselect(a, b, m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4RelaxedMin(V128 a, V128 b) => F32x4Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4RelaxedMax(V128 a, V128 b) => F32x4Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2RelaxedMin(V128 a, V128 b) => F64x2Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2RelaxedMax(V128 a, V128 b) => F64x2Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8RelaxedQ15mulrS(V128 a, V128 b) => I16x8Q15mulrSatS(a, b);

    /// <summary>
    /// <c>i16x8.relaxed_dot_i8x16_i7x16_s</c> with both operands signed: sat16(a[2i]*b[2i] + a[2i+1]*b[2i+1]) (the
    /// spec's ivdotsat). Even and odd bytes are sign-extended in place inside the 16-bit lanes, multiplied exactly
    /// (|product| &lt;= 2^14) and added with saturation, which only matters for -128 * -128 + -128 * -128.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8RelaxedDotI8x16I7x16S(V128 a, V128 b)
    {
        if (Sse2.IsSupported)
        {
            var a16 = a.AsInt16();
            var b16 = b.AsInt16();
            var even = Sse2.MultiplyLow(
                Sse2.ShiftRightArithmetic(Sse2.ShiftLeftLogical(a16, 8), 8),
                Sse2.ShiftRightArithmetic(Sse2.ShiftLeftLogical(b16, 8), 8));
            var odd = Sse2.MultiplyLow(Sse2.ShiftRightArithmetic(a16, 8), Sse2.ShiftRightArithmetic(b16, 8));
            return Sse2.AddSaturate(even, odd).AsByte();
        }

        return SimdScalar.I16x8RelaxedDotI8x16I7x16S(a, b);
    }

    /// <summary>The i16x8 relaxed dot, then pairwise-added to i32 (signed) and added to c (wrapping).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4RelaxedDotI8x16I7x16AddS(V128 a, V128 b, V128 c) =>
        (I32x4ExtaddPairwiseI16x8S(I16x8RelaxedDotI8x16I7x16S(a, b)).AsInt32() + c.AsInt32()).AsByte();
}
