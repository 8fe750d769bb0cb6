using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmJit.Runtime.Numerics;

// Float lane arithmetic, with the same NaN policy as ScalarOps (RATIONALE.md): arithmetic and sqrt as the hardware
// does them (identical for scalar and packed SSE instructions), min/max give the positive canonical NaN, rounding
// quiets the operand NaN, abs/neg are bit operations, pmin/pmax are a compare and select.
internal static partial class SimdOps
{
    // ---- f32x4 ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Abs(V128 a) => (a.AsUInt32() & Vector128.Create(0x7fff_ffffu)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Neg(V128 a) => (a.AsUInt32() ^ Vector128.Create(0x8000_0000u)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Sqrt(V128 a) => Vector128.Sqrt(a.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Add(V128 a, V128 b) => (a.AsSingle() + b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Sub(V128 a, V128 b) => (a.AsSingle() - b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Mul(V128 a, V128 b) => (a.AsSingle() * b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Div(V128 a, V128 b) => (a.AsSingle() / b.AsSingle()).AsByte();

    /// <summary>
    /// <c>f32x4.min</c>: minps returns its second operand when the lanes are unordered or equal, so min(a,b) | min(b,a)
    /// is the wasm minimum for ordered lanes (the OR makes -0 win over +0); unordered lanes get the canonical NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Min(V128 a, V128 b)
    {
        if (Sse.IsSupported)
        {
            var x = a.AsSingle();
            var y = b.AsSingle();
            var min = Sse.Or(Sse.Min(x, y), Sse.Min(y, x));
            var unordered = Sse.CompareUnordered(x, y);
            return Sse.Or(Sse.AndNot(unordered, min), Sse.And(unordered, Vector128.Create(SoftFloat.F32CanonicalNaN))).AsByte();
        }

        return SimdScalar.F32x4Min(a, b);
    }

    /// <summary><c>f32x4.max</c>: as <see cref="F32x4Min"/>, with AND so that +0 wins over -0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Max(V128 a, V128 b)
    {
        if (Sse.IsSupported)
        {
            var x = a.AsSingle();
            var y = b.AsSingle();
            var max = Sse.And(Sse.Max(x, y), Sse.Max(y, x));
            var unordered = Sse.CompareUnordered(x, y);
            return Sse.Or(Sse.AndNot(unordered, max), Sse.And(unordered, Vector128.Create(SoftFloat.F32CanonicalNaN))).AsByte();
        }

        return SimdScalar.F32x4Max(a, b);
    }

    /// <summary><c>f32x4.pmin</c>: b &lt; a ? b : a, which is minps with the operands swapped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Pmin(V128 a, V128 b) =>
        Sse.IsSupported ? Sse.Min(b.AsSingle(), a.AsSingle()).AsByte() : SimdScalar.F32x4Pmin(a, b);

    /// <summary><c>f32x4.pmax</c>: a &lt; b ? b : a, which is maxps with the operands swapped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Pmax(V128 a, V128 b) =>
        Sse.IsSupported ? Sse.Max(b.AsSingle(), a.AsSingle()).AsByte() : SimdScalar.F32x4Pmax(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Ceil(V128 a) =>
        Sse41.IsSupported ? Sse41.RoundToPositiveInfinity(a.AsSingle()).AsByte() : SimdScalar.F32x4Ceil(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Floor(V128 a) =>
        Sse41.IsSupported ? Sse41.RoundToNegativeInfinity(a.AsSingle()).AsByte() : SimdScalar.F32x4Floor(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Trunc(V128 a) =>
        Sse41.IsSupported ? Sse41.RoundToZero(a.AsSingle()).AsByte() : SimdScalar.F32x4Trunc(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Nearest(V128 a) =>
        Sse41.IsSupported ? Sse41.RoundToNearestInteger(a.AsSingle()).AsByte() : SimdScalar.F32x4Nearest(a);

    // ---- f64x2 ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Abs(V128 a) => (a.AsUInt64() & Vector128.Create(0x7fff_ffff_ffff_ffffUL)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Neg(V128 a) => (a.AsUInt64() ^ Vector128.Create(0x8000_0000_0000_0000UL)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Sqrt(V128 a) => Vector128.Sqrt(a.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Add(V128 a, V128 b) => (a.AsDouble() + b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Sub(V128 a, V128 b) => (a.AsDouble() - b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Mul(V128 a, V128 b) => (a.AsDouble() * b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Div(V128 a, V128 b) => (a.AsDouble() / b.AsDouble()).AsByte();

    /// <inheritdoc cref="F32x4Min"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Min(V128 a, V128 b)
    {
        if (Sse2.IsSupported)
        {
            var x = a.AsDouble();
            var y = b.AsDouble();
            var min = Sse2.Or(Sse2.Min(x, y), Sse2.Min(y, x));
            var unordered = Sse2.CompareUnordered(x, y);
            return Sse2.Or(Sse2.AndNot(unordered, min), Sse2.And(unordered, Vector128.Create(SoftFloat.F64CanonicalNaN))).AsByte();
        }

        return SimdScalar.F64x2Min(a, b);
    }

    /// <inheritdoc cref="F32x4Max"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Max(V128 a, V128 b)
    {
        if (Sse2.IsSupported)
        {
            var x = a.AsDouble();
            var y = b.AsDouble();
            var max = Sse2.And(Sse2.Max(x, y), Sse2.Max(y, x));
            var unordered = Sse2.CompareUnordered(x, y);
            return Sse2.Or(Sse2.AndNot(unordered, max), Sse2.And(unordered, Vector128.Create(SoftFloat.F64CanonicalNaN))).AsByte();
        }

        return SimdScalar.F64x2Max(a, b);
    }

    /// <inheritdoc cref="F32x4Pmin"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Pmin(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.Min(b.AsDouble(), a.AsDouble()).AsByte() : SimdScalar.F64x2Pmin(a, b);

    /// <inheritdoc cref="F32x4Pmax"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Pmax(V128 a, V128 b) =>
        Sse2.IsSupported ? Sse2.Max(b.AsDouble(), a.AsDouble()).AsByte() : SimdScalar.F64x2Pmax(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Ceil(V128 a) =>
        Sse41.IsSupported ? Sse41.RoundToPositiveInfinity(a.AsDouble()).AsByte() : SimdScalar.F64x2Ceil(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Floor(V128 a) =>
        Sse41.IsSupported ? Sse41.RoundToNegativeInfinity(a.AsDouble()).AsByte() : SimdScalar.F64x2Floor(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Trunc(V128 a) =>
        Sse41.IsSupported ? Sse41.RoundToZero(a.AsDouble()).AsByte() : SimdScalar.F64x2Trunc(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Nearest(V128 a) =>
        Sse41.IsSupported ? Sse41.RoundToNearestInteger(a.AsDouble()).AsByte() : SimdScalar.F64x2Nearest(a);
}
