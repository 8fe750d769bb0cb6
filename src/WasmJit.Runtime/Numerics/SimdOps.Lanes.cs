using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V128 = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmJit.Runtime.Numerics;

/// <summary>
/// The SIMD and relaxed-SIMD instructions (prefix 0xfd) except those that touch memory, shared by the interpreter and
/// the JIT like <see cref="ScalarOps"/>. Every v128 is a <see cref="Vector128{T}"/> of bytes in wasm lane order
/// (little endian, lane 0 first), reinterpreted per shape with <c>AsInt32()</c> and friends. Cross-platform
/// <see cref="Vector128"/> operations are used where their lane semantics is the wasm one; elsewhere an SSE path guarded
/// by <c>IsSupported</c> falls back to <see cref="SimdScalar"/>, which produces the same bits (tested).
/// Spec: https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions and numerics.html.
/// </summary>
internal static partial class SimdOps
{
    // ---- splat ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Splat(int x) => Vector128.Create((byte)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8Splat(int x) => Vector128.Create((short)x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4Splat(int x) => Vector128.Create(x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2Splat(long x) => Vector128.Create(x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4Splat(float x) => Vector128.Create(x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2Splat(double x) => Vector128.Create(x).AsByte();

    // ---- extract_lane / replace_lane (lane < lane count, checked by validation) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneS(V128 v, int lane) => v.AsSByte().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneU(V128 v, int lane) => v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16ReplaceLane(V128 v, int lane, int x) => v.WithElement(lane, (byte)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneS(V128 v, int lane) => v.AsInt16().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneU(V128 v, int lane) => v.AsUInt16().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I16x8ReplaceLane(V128 v, int lane, int x) => v.AsInt16().WithElement(lane, (short)x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4ExtractLane(V128 v, int lane) => v.AsInt32().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I32x4ReplaceLane(V128 v, int lane, int x) => v.AsInt32().WithElement(lane, x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64x2ExtractLane(V128 v, int lane) => v.AsInt64().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I64x2ReplaceLane(V128 v, int lane, long x) => v.AsInt64().WithElement(lane, x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32x4ExtractLane(V128 v, int lane) => v.AsSingle().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F32x4ReplaceLane(V128 v, int lane, float x) => v.AsSingle().WithElement(lane, x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64x2ExtractLane(V128 v, int lane) => v.AsDouble().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 F64x2ReplaceLane(V128 v, int lane, double x) => v.AsDouble().WithElement(lane, x).AsByte();

    // ---- shuffle / swizzle ----

    /// <summary>
    /// <c>i8x16.swizzle</c>: lane i is <c>a[s[i]]</c>, or 0 when <c>s[i] &gt;= 16</c>. pshufb zeroes a lane whose index
    /// has the top bit set and otherwise uses the low four bits, so adding 0x70 with unsigned saturation maps every
    /// index &gt;= 16 to one with the top bit set and leaves 0..15 addressing the same lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Swizzle(V128 a, V128 s) => Ssse3.IsSupported
        ? Ssse3.Shuffle(a, Sse2.AddSaturate(s, Vector128.Create((byte)0x70)))
        : SimdScalar.I8x16Swizzle(a, s);

    /// <summary>
    /// <c>i8x16.shuffle</c>: lane i is byte <c>idx[i]</c> of the 32-byte concatenation a ++ b. Validation guarantees
    /// <c>idx[i] &lt; 32</c>; should a larger index reach this method, both paths give 0 for it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 I8x16Shuffle(V128 a, V128 b, V128 laneIndices)
    {
        if (Ssse3.IsSupported)
        {
            // Same saturating trick as swizzle, twice: indices 16..31 xor 0x10 become 0..15 for b, and every index
            // outside a table's range ends with the top bit set, so each pshufb contributes zeros there.
            var bias = Vector128.Create((byte)0x70);
            var fromA = Ssse3.Shuffle(a, Sse2.AddSaturate(laneIndices, bias));
            var fromB = Ssse3.Shuffle(b, Sse2.AddSaturate(laneIndices ^ Vector128.Create((byte)0x10), bias));
            return fromA | fromB;
        }

        return SimdScalar.I8x16Shuffle(a, b, laneIndices);
    }

    // ---- helpers for the runtime's SIMD loads ----
    // The memory part stays in the runtime; these turn the loaded bits into the v128. The other loads are plain
    // compositions: v128.load8_splat = I8x16Splat(byte), load16_splat = I16x8Splat(ushort), load32_splat =
    // I32x4Splat, load64_splat = I64x2Splat; load32_zero = LoadZero32, load64_zero = LoadZero64; loadN_lane =
    // the matching ReplaceLane, storeN_lane = the matching ExtractLane (the _U one for 8 and 16 bits).

    /// <summary><c>v128.load8x8_s</c>: eight bytes (little endian in <paramref name="raw"/>) sign-extended to i16x8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadExtend8x8S(ulong raw) => Vector128.WidenLower(Vector128.CreateScalar(raw).AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadExtend8x8U(ulong raw) => Vector128.WidenLower(Vector128.CreateScalar(raw).AsByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadExtend16x4S(ulong raw) => Vector128.WidenLower(Vector128.CreateScalar(raw).AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadExtend16x4U(ulong raw) => Vector128.WidenLower(Vector128.CreateScalar(raw).AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadExtend32x2S(ulong raw) => Vector128.WidenLower(Vector128.CreateScalar(raw).AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadExtend32x2U(ulong raw) => Vector128.WidenLower(Vector128.CreateScalar(raw).AsUInt32()).AsByte();

    /// <summary><c>v128.load32_zero</c>: the value in lane 0 of i32x4, the other lanes 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadZero32(int x) => Vector128.CreateScalar(x).AsByte();

    /// <summary><c>v128.load64_zero</c>: the value in lane 0 of i64x2, lane 1 is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V128 LoadZero64(long x) => Vector128.CreateScalar(x).AsByte();
}
