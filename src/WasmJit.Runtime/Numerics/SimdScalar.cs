using System.Runtime.Intrinsics;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmJit.Runtime.Numerics;

/// <summary>
/// Lane-by-lane scalar implementations of the <see cref="SimdOps"/> operations that use x86 instructions or
/// bit tricks: the fallback when the instruction set is missing, and the reference the vector paths are tested
/// against on random and edge-case vectors. Written for obviousness, not speed; each method has the name and
/// signature of its <see cref="SimdOps"/> counterpart and must return the same bits.
/// </summary>
internal static class SimdScalar
{
    // ---- lanes ----

    public static V128 I8x16Swizzle(V128 a, V128 s)
    {
        Span<byte> r = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            byte j = s.GetElement(i);
            r[i] = j < 16 ? a.GetElement(j) : (byte)0;
        }

        return Vector128.Create<byte>(r);
    }

    public static V128 I8x16Shuffle(V128 a, V128 b, V128 laneIndices)
    {
        Span<byte> r = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            byte j = laneIndices.GetElement(i);
            r[i] = j < 16 ? a.GetElement(j) : j < 32 ? b.GetElement(j - 16) : (byte)0;
        }

        return Vector128.Create<byte>(r);
    }

    public static V128 I8x16Popcnt(V128 a) => Map(a, static (byte x) => (byte)System.Numerics.BitOperations.PopCount(x));

    // ---- integer ----

    public static V128 I8x16Abs(V128 a) => Map(a.AsSByte(), static (sbyte x) => (sbyte)(x < 0 ? -x : x));

    public static V128 I16x8Abs(V128 a) => Map(a.AsInt16(), static (short x) => (short)(x < 0 ? -x : x));

    public static V128 I32x4Abs(V128 a) => Map(a.AsInt32(), static (int x) => x < 0 ? -x : x);

    public static V128 I64x2Abs(V128 a) => Map(a.AsInt64(), static (long x) => x < 0 ? -x : x);

    public static V128 I8x16AddSatS(V128 a, V128 b) => Zip(a.AsSByte(), b.AsSByte(), static (x, y) => (sbyte)Math.Clamp(x + y, -128, 127));

    public static V128 I8x16AddSatU(V128 a, V128 b) => Zip(a, b, static (x, y) => (byte)Math.Min(x + y, 255));

    public static V128 I8x16SubSatS(V128 a, V128 b) => Zip(a.AsSByte(), b.AsSByte(), static (x, y) => (sbyte)Math.Clamp(x - y, -128, 127));

    public static V128 I8x16SubSatU(V128 a, V128 b) => Zip(a, b, static (x, y) => (byte)Math.Max(x - y, 0));

    public static V128 I16x8AddSatS(V128 a, V128 b) =>
        Zip(a.AsInt16(), b.AsInt16(), static (x, y) => (short)Math.Clamp(x + y, short.MinValue, short.MaxValue));

    public static V128 I16x8AddSatU(V128 a, V128 b) => Zip(a.AsUInt16(), b.AsUInt16(), static (x, y) => (ushort)Math.Min(x + y, 65535));

    public static V128 I16x8SubSatS(V128 a, V128 b) =>
        Zip(a.AsInt16(), b.AsInt16(), static (x, y) => (short)Math.Clamp(x - y, short.MinValue, short.MaxValue));

    public static V128 I16x8SubSatU(V128 a, V128 b) => Zip(a.AsUInt16(), b.AsUInt16(), static (x, y) => (ushort)Math.Max(x - y, 0));

    public static V128 I8x16AvgrU(V128 a, V128 b) => Zip(a, b, static (x, y) => (byte)((x + y + 1) >> 1));

    public static V128 I16x8AvgrU(V128 a, V128 b) => Zip(a.AsUInt16(), b.AsUInt16(), static (x, y) => (ushort)((x + y + 1) >> 1));

    public static V128 I8x16Shl(V128 a, int count) => Map(a, x => (byte)(x << (count & 7)));

    public static V128 I8x16ShrS(V128 a, int count) => Map(a.AsSByte(), x => (sbyte)(x >> (count & 7)));

    public static V128 I8x16ShrU(V128 a, int count) => Map(a, x => (byte)(x >> (count & 7)));

    public static V128 I16x8Q15mulrSatS(V128 a, V128 b) =>
        Zip(a.AsInt16(), b.AsInt16(), static (x, y) => (short)Math.Clamp((x * y + 0x4000) >> 15, short.MinValue, short.MaxValue));

    public static V128 I64x2ExtmulLowI32x4S(V128 a, V128 b) => ExtMul64(a, b, 0, signed: true);

    public static V128 I64x2ExtmulHighI32x4S(V128 a, V128 b) => ExtMul64(a, b, 2, signed: true);

    public static V128 I64x2ExtmulLowI32x4U(V128 a, V128 b) => ExtMul64(a, b, 0, signed: false);

    public static V128 I64x2ExtmulHighI32x4U(V128 a, V128 b) => ExtMul64(a, b, 2, signed: false);

    private static V128 ExtMul64(V128 a, V128 b, int first, bool signed)
    {
        Span<long> r = stackalloc long[2];
        for (int i = 0; i < 2; i++)
        {
            r[i] = signed
                ? (long)a.AsInt32().GetElement(first + i) * b.AsInt32().GetElement(first + i)
                : (long)((ulong)a.AsUInt32().GetElement(first + i) * b.AsUInt32().GetElement(first + i));
        }

        return Vector128.Create<long>(r).AsByte();
    }

    public static V128 I16x8ExtaddPairwiseI8x16S(V128 a) => Pairwise<sbyte, short>(a, static (x, y) => (short)(x + y));

    public static V128 I16x8ExtaddPairwiseI8x16U(V128 a) => Pairwise<byte, short>(a, static (x, y) => (short)(x + y));

    public static V128 I32x4ExtaddPairwiseI16x8S(V128 a) => Pairwise<short, int>(a, static (x, y) => x + y);

    public static V128 I32x4ExtaddPairwiseI16x8U(V128 a) => Pairwise<ushort, int>(a, static (x, y) => x + y);

    public static V128 I32x4DotI16x8S(V128 a, V128 b)
    {
        Span<int> r = stackalloc int[4];
        var x = a.AsInt16();
        var y = b.AsInt16();
        for (int i = 0; i < 4; i++)
        {
            // The sum of two products can be 2^31, which wraps to INT_MIN as in wasm.
            r[i] = unchecked((x.GetElement(2 * i) * y.GetElement(2 * i)) + (x.GetElement((2 * i) + 1) * y.GetElement((2 * i) + 1)));
        }

        return Vector128.Create<int>(r).AsByte();
    }

    public static V128 I8x16NarrowI16x8S(V128 a, V128 b) => Narrow<short, sbyte>(a, b, static x => (sbyte)Math.Clamp((int)x, -128, 127));

    public static V128 I8x16NarrowI16x8U(V128 a, V128 b) => Narrow<short, byte>(a, b, static x => (byte)Math.Clamp((int)x, 0, 255));

    public static V128 I16x8NarrowI32x4S(V128 a, V128 b) =>
        Narrow<int, short>(a, b, static x => (short)Math.Clamp(x, short.MinValue, short.MaxValue));

    public static V128 I16x8NarrowI32x4U(V128 a, V128 b) => Narrow<int, ushort>(a, b, static x => (ushort)Math.Clamp(x, 0, 65535));

    // ---- float ----

    public static V128 F32x4Min(V128 a, V128 b) => Zip(a.AsSingle(), b.AsSingle(), ScalarOps.F32Min);

    public static V128 F32x4Max(V128 a, V128 b) => Zip(a.AsSingle(), b.AsSingle(), ScalarOps.F32Max);

    public static V128 F32x4Pmin(V128 a, V128 b) => Zip(a.AsSingle(), b.AsSingle(), static (x, y) => y < x ? y : x);

    public static V128 F32x4Pmax(V128 a, V128 b) => Zip(a.AsSingle(), b.AsSingle(), static (x, y) => x < y ? y : x);

    public static V128 F64x2Min(V128 a, V128 b) => Zip(a.AsDouble(), b.AsDouble(), ScalarOps.F64Min);

    public static V128 F64x2Max(V128 a, V128 b) => Zip(a.AsDouble(), b.AsDouble(), ScalarOps.F64Max);

    public static V128 F64x2Pmin(V128 a, V128 b) => Zip(a.AsDouble(), b.AsDouble(), static (x, y) => y < x ? y : x);

    public static V128 F64x2Pmax(V128 a, V128 b) => Zip(a.AsDouble(), b.AsDouble(), static (x, y) => x < y ? y : x);

    public static V128 F32x4Ceil(V128 a) => Map(a.AsSingle(), static x => SoftFloat.Round(x, IntegralRounding.Ceil));

    public static V128 F32x4Floor(V128 a) => Map(a.AsSingle(), static x => SoftFloat.Round(x, IntegralRounding.Floor));

    public static V128 F32x4Trunc(V128 a) => Map(a.AsSingle(), static x => SoftFloat.Round(x, IntegralRounding.Trunc));

    public static V128 F32x4Nearest(V128 a) => Map(a.AsSingle(), static x => SoftFloat.Round(x, IntegralRounding.Nearest));

    public static V128 F64x2Ceil(V128 a) => Map(a.AsDouble(), static x => SoftFloat.Round(x, IntegralRounding.Ceil));

    public static V128 F64x2Floor(V128 a) => Map(a.AsDouble(), static x => SoftFloat.Round(x, IntegralRounding.Floor));

    public static V128 F64x2Trunc(V128 a) => Map(a.AsDouble(), static x => SoftFloat.Round(x, IntegralRounding.Trunc));

    public static V128 F64x2Nearest(V128 a) => Map(a.AsDouble(), static x => SoftFloat.Round(x, IntegralRounding.Nearest));

    // ---- conversions ----

    public static V128 I32x4TruncSatF32x4S(V128 a) => Convert<float, int>(a, ScalarOps.I32TruncSatF32S);

    public static V128 I32x4TruncSatF32x4U(V128 a) => Convert<float, int>(a, ScalarOps.I32TruncSatF32U);

    public static V128 I32x4TruncSatF64x2SZero(V128 a) => Convert<double, int>(a, ScalarOps.I32TruncSatF64S);

    public static V128 I32x4TruncSatF64x2UZero(V128 a) => Convert<double, int>(a, ScalarOps.I32TruncSatF64U);

    public static V128 F32x4ConvertI32x4U(V128 a) => Convert<int, float>(a, ScalarOps.F32ConvertI32U);

    public static V128 F64x2ConvertLowI32x4S(V128 a) => Convert<int, double>(a, ScalarOps.F64ConvertI32S);

    public static V128 F64x2ConvertLowI32x4U(V128 a) => Convert<int, double>(a, ScalarOps.F64ConvertI32U);

    public static V128 F32x4DemoteF64x2Zero(V128 a) => Convert<double, float>(a, ScalarOps.F32DemoteF64);

    public static V128 F64x2PromoteLowF32x4(V128 a) => Convert<float, double>(a, ScalarOps.F64PromoteF32);

    // ---- relaxed ----

    public static V128 I16x8RelaxedDotI8x16I7x16S(V128 a, V128 b)
    {
        Span<short> r = stackalloc short[8];
        var x = a.AsSByte();
        var y = b.AsSByte();
        for (int i = 0; i < 8; i++)
        {
            int sum = (x.GetElement(2 * i) * y.GetElement(2 * i)) + (x.GetElement((2 * i) + 1) * y.GetElement((2 * i) + 1));
            r[i] = (short)Math.Clamp(sum, short.MinValue, short.MaxValue);
        }

        return Vector128.Create<short>(r).AsByte();
    }

    // ---- helpers ----

    private static V128 Map<T>(Vector128<T> a, Func<T, T> f)
        where T : unmanaged
    {
        Span<T> r = stackalloc T[Vector128<T>.Count];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = f(a.GetElement(i));
        }

        return Vector128.Create<T>(r).AsByte();
    }

    private static V128 Zip<T>(Vector128<T> a, Vector128<T> b, Func<T, T, T> f)
        where T : unmanaged
    {
        Span<T> r = stackalloc T[Vector128<T>.Count];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = f(a.GetElement(i), b.GetElement(i));
        }

        return Vector128.Create<T>(r).AsByte();
    }

    /// <summary>Adjacent pairs of narrow lanes, widened and combined into one wide lane.</summary>
    private static V128 Pairwise<TNarrow, TWide>(V128 a, Func<TNarrow, TNarrow, TWide> f)
        where TNarrow : unmanaged
        where TWide : unmanaged
    {
        var v = a.As<byte, TNarrow>();
        Span<TWide> r = stackalloc TWide[Vector128<TWide>.Count];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = f(v.GetElement(2 * i), v.GetElement((2 * i) + 1));
        }

        return Vector128.Create<TWide>(r).AsByte();
    }

    /// <summary>Lanes of a, then lanes of b, each narrowed.</summary>
    private static V128 Narrow<TWide, TNarrow>(V128 a, V128 b, Func<TWide, TNarrow> f)
        where TWide : unmanaged
        where TNarrow : unmanaged
    {
        var x = a.As<byte, TWide>();
        var y = b.As<byte, TWide>();
        int n = Vector128<TWide>.Count;
        Span<TNarrow> r = stackalloc TNarrow[2 * n];
        for (int i = 0; i < n; i++)
        {
            r[i] = f(x.GetElement(i));
            r[n + i] = f(y.GetElement(i));
        }

        return Vector128.Create<TNarrow>(r).AsByte();
    }

    /// <summary>Converts the low lanes of a that fit in the result (the rest of the result is zero).</summary>
    private static V128 Convert<TFrom, TTo>(V128 a, Func<TFrom, TTo> f)
        where TFrom : unmanaged
        where TTo : unmanaged
    {
        var v = a.As<byte, TFrom>();
        Span<TTo> r = stackalloc TTo[Vector128<TTo>.Count];
        int n = Math.Min(Vector128<TFrom>.Count, r.Length);
        for (int i = 0; i < n; i++)
        {
            r[i] = f(v.GetElement(i));
        }

        return Vector128.Create<TTo>(r).AsByte();
    }
}
