using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmJit.Runtime.Numerics;

// v128 bitwise operations, boolean reductions, bitmask and popcnt.
internal static partial class SimdOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 V128Not(V128 a) => ~a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 V128And(V128 a, V128 b) => a & b;

    /// <summary><c>v128.andnot</c>: a &amp; ~b (note: the x86 andnps/Sse.AndNot operand order is the opposite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 V128Andnot(V128 a, V128 b) => Vector128.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 V128Or(V128 a, V128 b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 V128Xor(V128 a, V128 b) => a ^ b;

    /// <summary><c>v128.bitselect</c>: bits of a where c is 1, bits of b where c is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 V128Bitselect(V128 a, V128 b, V128 c) => Vector128.ConditionalSelect(c, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int V128AnyTrue(V128 a) => a != V128.Zero ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16AllTrue(V128 a) => Vector128.EqualsAny(a, V128.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8AllTrue(V128 a) => Vector128.EqualsAny(a.AsUInt16(), Vector128<ushort>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4AllTrue(V128 a) => Vector128.EqualsAny(a.AsUInt32(), Vector128<uint>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64x2AllTrue(V128 a) => Vector128.EqualsAny(a.AsUInt64(), Vector128<ulong>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16Bitmask(V128 a) => (int)Vector128.ExtractMostSignificantBits(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8Bitmask(V128 a) => (int)Vector128.ExtractMostSignificantBits(a.AsUInt16());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4Bitmask(V128 a) => (int)Vector128.ExtractMostSignificantBits(a.AsUInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64x2Bitmask(V128 a) => (int)Vector128.ExtractMostSignificantBits(a.AsUInt64());

    /// <summary><c>i8x16.popcnt</c>: a pshufb lookup of the bit count of each nibble, added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Popcnt(V128 a)
    {
        if (Ssse3.IsSupported)
        {
            var nibbleCounts = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
            var lowNibbles = Vector128.Create((byte)0x0f);
            var lo = a & lowNibbles;
            var hi = Vector128.ShiftRightLogical(a.AsUInt16(), 4).AsByte() & lowNibbles;
            return Ssse3.Shuffle(nibbleCounts, lo) + Ssse3.Shuffle(nibbleCounts, hi);
        }

        return SimdScalar.I8x16Popcnt(a);
    }
}
