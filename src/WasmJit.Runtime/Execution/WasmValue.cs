using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WasmJit.Runtime;

/// <summary>
/// A value crossing the host boundary (https://webassembly.github.io/spec/core/exec/runtime.html#values).
/// Numbers are kept as raw bits (NaN payloads survive); references are .NET objects: a funcref is its
/// <see cref="FunctionInstance"/>, an externref whatever the host passed, null is <c>null</c>.
/// </summary>
internal readonly struct WasmValue : IEquatable<WasmValue>
{
    private readonly ulong _lo;
    private readonly ulong _hi;
    private readonly object? _ref;

    private WasmValue(ValType type, ulong lo, ulong hi, object? reference)
    {
        Type = type;
        _lo = lo;
        _hi = hi;
        _ref = reference;
    }

    public ValType Type { get; }

    public static WasmValue FromI32(int v) => new(ValType.I32, (uint)v, 0, null);

    public static WasmValue FromI64(long v) => new(ValType.I64, (ulong)v, 0, null);

    public static WasmValue FromF32Bits(uint bits) => new(ValType.F32, bits, 0, null);

    public static WasmValue FromF64Bits(ulong bits) => new(ValType.F64, bits, 0, null);

    public static WasmValue FromF32(float v) => FromF32Bits(BitConverter.SingleToUInt32Bits(v));

    public static WasmValue FromF64(double v) => FromF64Bits(BitConverter.DoubleToUInt64Bits(v));

    public static WasmValue FromV128(Vector128<byte> v)
    {
        var u = v.AsUInt64();
        return new(ValType.V128, u.GetElement(0), u.GetElement(1), null);
    }

    /// <summary>A v128 from its two 64-bit halves (low first). Callers that hold a Vector128 in a field use this:
    /// passing a Vector128 by value keeps crossgen2 from precompiling the caller.</summary>
    public static WasmValue FromV128Bits(ulong lo, ulong hi) => new(ValType.V128, lo, hi, null);

    public static WasmValue FromRef(ValType type, object? reference) => new(type, 0, 0, reference);

    /// <summary>The default (zero or null) value of a defaultable type.</summary>
    public static WasmValue Default(ValType type) => new(type, 0, 0, null);

    /// <summary>Builds a value from stack-slot bits (the layout of <see cref="WasmStack"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static WasmValue FromBits(ValType type, ulong lo, ulong hi, object? reference) => new(type, lo, hi, reference);

    public int I32 => (int)_lo;

    public long I64 => (long)_lo;

    public uint F32Bits => (uint)_lo;

    public ulong F64Bits => _lo;

    public float F32 => BitConverter.UInt32BitsToSingle((uint)_lo);

    public double F64 => BitConverter.UInt64BitsToDouble(_lo);

    public Vector128<byte> V128 => Vector128.Create(_lo, _hi).AsByte();

    public object? Ref => _ref;

    public bool IsNullRef => Type.IsRef && _ref is null;

    /// <summary>Low 64 bits as stored in a stack slot (i32 and f32 zero-extended).</summary>
    internal ulong Lo => _lo;

    internal ulong Hi => _hi;

    public bool Equals(WasmValue other) =>
        Type == other.Type && _lo == other._lo && _hi == other._hi && ReferenceEquals(_ref, other._ref);

    public override bool Equals(object? obj) => obj is WasmValue v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Type, _lo, _hi, _ref);

    public override string ToString() => Type.Kind switch
    {
        ValKind.I32 => $"i32:{I32}",
        ValKind.I64 => $"i64:{I64}",
        ValKind.F32 => $"f32:{F32}",
        ValKind.F64 => $"f64:{F64}",
        ValKind.V128 => $"v128:{_hi:x16}{_lo:x16}",
        _ => $"{Type}:{_ref?.ToString() ?? "null"}",
    };
}
