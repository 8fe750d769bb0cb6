using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.Intrinsics;
using WasmJit.Runtime;
using WasmJit.Text;

namespace WasmJit.SpecRunner;

/// <summary>
/// Script constants to runtime values, and expected results matched against actual values
/// (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts: <c>nan:canonical</c>,
/// <c>nan:arithmetic</c>, per-lane v128 patterns, reference patterns, <c>either</c>).
/// </summary>
internal sealed class WastValues
{
    private readonly ConcurrentDictionary<(uint, bool), HostRef> _hostRefs = new();

    public HostRef HostRef(uint n, bool anyRef = false) => _hostRefs.GetOrAdd((n, anyRef), k => new HostRef(k.Item1, k.Item2));

    /// <summary>The runtime value of an argument; references take the parameter's type when it is a reference.</summary>
    public WasmValue ToValue(WastValue v, ValType? paramType) => v.Kind switch
    {
        WastValueKind.I32 => WasmValue.FromI32((int)(uint)v.Bits),
        WastValueKind.I64 => WasmValue.FromI64((long)v.Bits),
        WastValueKind.F32 => WasmValue.FromF32Bits((uint)v.Bits),
        WastValueKind.F64 => WasmValue.FromF64Bits(v.Bits),
        WastValueKind.V128 => WasmValue.FromV128(v.V128),
        WastValueKind.RefNull => WasmValue.FromRef(RefType(paramType, ValType.Ref(v.Heap, true)), null),
        WastValueKind.RefExtern => WasmValue.FromRef(RefType(paramType, ValType.ExternRef), HostRef((uint)v.Bits)),
        WastValueKind.RefHost => WasmValue.FromRef(RefType(paramType, ValType.AnyRef), HostRef((uint)v.Bits, anyRef: true)),
        _ => throw new ArgumentOutOfRangeException(nameof(v), v.Kind, "unknown script value"),
    };

    private static ValType RefType(ValType? param, ValType fallback) => param is { IsRef: true } p ? p : fallback;

    /// <summary>Does <paramref name="actual"/> match <paramref name="expected"/>?</summary>
    public static bool Matches(WastResult expected, WasmValue actual)
    {
        switch (expected.Kind)
        {
            case WastResultKind.Number:
                return actual.Type.Kind == expected.Type && NumberBits(actual) == Mask(expected.Bits, expected.Type);
            case WastResultKind.CanonicalNan:
            case WastResultKind.ArithmeticNan:
                return actual.Type.Kind == expected.Type && NanMatches(expected.Kind, expected.Type, NumberBits(actual));
            case WastResultKind.V128:
                return actual.Type.Kind == ValKind.V128 && LanesMatch(expected, actual.V128);
            case WastResultKind.RefNull:
                return actual.Type.IsRef && actual.Ref is null;
            case WastResultKind.RefExtern:
                return actual.Type.IsRef && actual.Ref is not null
                    && (!expected.HasPayload || (actual.Ref is HostRef { IsAnyRef: false } h && h.N == (uint)expected.Bits));
            case WastResultKind.RefHost:
                return actual.Type.IsRef && actual.Ref is HostRef { IsAnyRef: true } hh && hh.N == (uint)expected.Bits;
            case WastResultKind.RefKind:
                if (!actual.Type.IsRef || actual.Ref is null)
                {
                    return false;
                }
                return expected.Heap?.Code switch
                {
                    HeapType.FuncCode => actual.Ref is FunctionInstance,
                    HeapType.ExternCode => true,
                    // Host references are not GC objects: (ref.any) etc. cannot be a host function or an extern value.
                    _ => actual.Ref is not FunctionInstance && actual.Ref is not HostRef { IsAnyRef: false },
                };
            case WastResultKind.Either:
                return expected.Alternatives!.Any(a => Matches(a, actual));
            default:
                return false;
        }
    }

    private static ulong NumberBits(WasmValue v) => v.Type.Kind switch
    {
        ValKind.I32 => (uint)v.I32,
        ValKind.I64 => (ulong)v.I64,
        ValKind.F32 => v.F32Bits,
        ValKind.F64 => v.F64Bits,
        _ => 0,
    };

    private static ulong Mask(ulong bits, ValKind kind) => kind is ValKind.I32 or ValKind.F32 ? (uint)bits : bits;

    private static bool NanMatches(WastResultKind kind, ValKind type, ulong bits)
    {
        if (type == ValKind.F32)
        {
            var b = (uint)bits;
            return kind == WastResultKind.CanonicalNan ? (b & 0x7fff_ffffu) == 0x7fc0_0000u : (b & 0x7fc0_0000u) == 0x7fc0_0000u;
        }
        return kind == WastResultKind.CanonicalNan
            ? (bits & 0x7fff_ffff_ffff_ffffUL) == 0x7ff8_0000_0000_0000UL
            : (bits & 0x7ff8_0000_0000_0000UL) == 0x7ff8_0000_0000_0000UL;
    }

    private static bool LanesMatch(WastResult expected, Vector128<byte> actual)
    {
        var lanes = expected.Lanes;
        if (lanes is null)
        {
            // A whole-vector constant: compare its bits.
            return actual.AsUInt64().GetElement(0) == expected.Bits;
        }
        var count = lanes.Count;
        for (var i = 0; i < count; i++)
        {
            var lane = lanes[i];
            var bits = LaneBits(actual, count, i);
            var ok = lane.Kind switch
            {
                WastResultKind.Number => bits == LaneMask(lane.Bits, count),
                WastResultKind.CanonicalNan or WastResultKind.ArithmeticNan =>
                    NanMatches(lane.Kind, count == 4 ? ValKind.F32 : ValKind.F64, bits),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static ulong LaneBits(Vector128<byte> v, int laneCount, int i) => laneCount switch
    {
        16 => v.GetElement(i),
        8 => v.AsUInt16().GetElement(i),
        4 => v.AsUInt32().GetElement(i),
        _ => v.AsUInt64().GetElement(i),
    };

    private static ulong LaneMask(ulong bits, int laneCount) => laneCount switch
    {
        16 => bits & 0xff,
        8 => bits & 0xffff,
        4 => bits & 0xffff_ffff,
        _ => bits,
    };

    // ---- Formatting for failure reports -------------------------------------------------------------------

    public static string Format(IReadOnlyList<WastResult> results) => "(" + string.Join(" ", results.Select(Format)) + ")";

    public static string Format(IReadOnlyList<WasmValue> values) => "(" + string.Join(" ", values.Select(Format)) + ")";

    public static string Format(WastResult r) => r.Kind switch
    {
        WastResultKind.Number => FormatNumber(r.Type, r.Bits),
        WastResultKind.CanonicalNan => $"{Name(r.Type)}:nan:canonical",
        WastResultKind.ArithmeticNan => $"{Name(r.Type)}:nan:arithmetic",
        WastResultKind.V128 when r.Lanes is { } lanes =>
            $"v128[{string.Join(' ', lanes.Select(l => l.Kind == WastResultKind.Number ? Hex(LaneMask(l.Bits, lanes.Count)) : Format(l)))}]",
        WastResultKind.V128 => $"v128:{Hex(r.Bits)}",
        WastResultKind.RefNull => "ref.null",
        WastResultKind.RefExtern => r.HasPayload ? $"ref.extern {r.Bits}" : "ref.extern",
        WastResultKind.RefHost => $"ref.host {r.Bits}",
        WastResultKind.RefKind => $"ref.{r.Heap}",
        WastResultKind.Either => $"either({string.Join(" | ", r.Alternatives!.Select(Format))})",
        _ => r.Kind.ToString(),
    };

    public static string Format(WasmValue v)
    {
        switch (v.Type.Kind)
        {
            case ValKind.I32:
            case ValKind.I64:
            case ValKind.F32:
            case ValKind.F64:
                return FormatNumber(v.Type.Kind, NumberBits(v));
            case ValKind.V128:
                var u = v.V128.AsUInt32();
                return $"v128[{Hex(u[0])} {Hex(u[1])} {Hex(u[2])} {Hex(u[3])}]";
            default:
                return v.Ref switch
                {
                    null => "ref.null",
                    HostRef h => h.ToString(),
                    FunctionInstance f => $"ref.func {f}",
                    var o => $"ref {o.GetType().Name}",
                };
        }
    }

    private static string Name(ValKind k) => k.ToString().ToLowerInvariant();

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    private static string FormatNumber(ValKind type, ulong bits) => type switch
    {
        ValKind.I32 => $"i32:{(int)(uint)bits}",
        ValKind.I64 => $"i64:{(long)bits}",
        ValKind.F32 => $"f32:{BitConverter.UInt32BitsToSingle((uint)bits).ToString("R", CultureInfo.InvariantCulture)}({Hex((uint)bits)})",
        ValKind.F64 => $"f64:{BitConverter.UInt64BitsToDouble(bits).ToString("R", CultureInfo.InvariantCulture)}({Hex(bits)})",
        _ => $"{Name(type)}:{Hex(bits)}",
    };
}
