using System.Runtime.Intrinsics;

namespace WasmJit.Jit;

/// <summary>
/// The vector side of the SIMD memory instructions
/// (https://webassembly.github.io/spec/core/exec/instructions.html#xref-syntax-instructions-syntax-instr-memory-mathsf-v128-load-m-x-n-mathsf-sx-memarg):
/// compiled code does the bounds-checked scalar load/store itself and calls these (inlined) to build or pick lanes.
/// </summary>
internal static class SimdMemory
{
    public static Vector128<byte> Load8x8S(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsSByte()).AsByte();

    public static Vector128<byte> Load8x8U(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsByte()).AsByte();

    public static Vector128<byte> Load16x4S(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsInt16()).AsByte();

    public static Vector128<byte> Load16x4U(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsUInt16()).AsByte();

    public static Vector128<byte> Load32x2S(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsInt32()).AsByte();

    public static Vector128<byte> Load32x2U(long bits) => Vector128.WidenLower(Vector128.CreateScalar(bits).AsUInt32()).AsByte();

    public static Vector128<byte> Splat8(int v) => Vector128.Create((byte)v);

    public static Vector128<byte> Splat16(int v) => Vector128.Create((ushort)v).AsByte();

    public static Vector128<byte> Splat32(int v) => Vector128.Create(v).AsByte();

    public static Vector128<byte> Splat64(long v) => Vector128.Create(v).AsByte();

    public static Vector128<byte> Zero32(int v) => Vector128.CreateScalar(v).AsByte();

    public static Vector128<byte> Zero64(long v) => Vector128.CreateScalar(v).AsByte();

    public static Vector128<byte> Lane8(Vector128<byte> v, int x, int lane) => v.WithElement(lane, (byte)x);

    public static Vector128<byte> Lane16(Vector128<byte> v, int x, int lane) => v.AsUInt16().WithElement(lane, (ushort)x).AsByte();

    public static Vector128<byte> Lane32(Vector128<byte> v, int x, int lane) => v.AsInt32().WithElement(lane, x).AsByte();

    public static Vector128<byte> Lane64(Vector128<byte> v, long x, int lane) => v.AsInt64().WithElement(lane, x).AsByte();

    public static int Get8(Vector128<byte> v, int lane) => v.GetElement(lane);

    public static int Get16(Vector128<byte> v, int lane) => v.AsUInt16().GetElement(lane);

    public static int Get32(Vector128<byte> v, int lane) => v.AsInt32().GetElement(lane);

    public static long Get64(Vector128<byte> v, int lane) => v.AsInt64().GetElement(lane);
}
