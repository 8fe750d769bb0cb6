using System.Runtime.Intrinsics;

namespace WasmJit.Jit;

/// <summary>
/// One argument or result crossing into compiled code through <see cref="JitInvoker"/>: number and vector bits in
/// <see cref="Bits"/> (little-endian, low bytes for narrow types), references in <see cref="Ref"/>.
/// </summary>
internal struct JitValue : IEquatable<JitValue>
{
    public Vector128<byte> Bits;
    public object? Ref;

    public static JitValue I32(int v) => new() { Bits = Vector128.CreateScalar(v).AsByte() };

    public static JitValue I64(long v) => new() { Bits = Vector128.CreateScalar(v).AsByte() };

    public static JitValue F32(float v) => new() { Bits = Vector128.CreateScalar(v).AsByte() };

    public static JitValue F64(double v) => new() { Bits = Vector128.CreateScalar(v).AsByte() };

    public static JitValue V128(Vector128<byte> v) => new() { Bits = v };

    public static JitValue Of(object? r) => new() { Ref = r };

    public readonly int AsI32 => Bits.AsInt32().ToScalar();

    public readonly long AsI64 => Bits.AsInt64().ToScalar();

    public readonly float AsF32 => Bits.AsSingle().ToScalar();

    public readonly double AsF64 => Bits.AsDouble().ToScalar();

    public readonly bool Equals(JitValue other) => Bits == other.Bits && ReferenceEquals(Ref, other.Ref);

    public override readonly bool Equals(object? obj) => obj is JitValue v && Equals(v);

    public override readonly int GetHashCode() => Bits.GetHashCode();

    public override readonly string ToString() => Ref is not null ? $"ref {Ref}" : $"0x{Bits.AsUInt64().GetElement(1):x16}{Bits.AsUInt64().GetElement(0):x16}";
}
