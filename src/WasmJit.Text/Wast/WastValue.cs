using System.Runtime.Intrinsics;

namespace WasmJit.Text;

/// <summary>What a script constant is.</summary>
internal enum WastValueKind : byte
{
    I32,
    I64,
    F32,
    F64,
    V128,

    /// <summary><c>(ref.null ht)</c>: <see cref="WastValue.Heap"/>.</summary>
    RefNull,

    /// <summary><c>(ref.extern N)</c>: a host reference with payload <see cref="WastValue.Bits"/>, seen as externref.</summary>
    RefExtern,

    /// <summary><c>(ref.host N)</c>: a host reference with payload <see cref="WastValue.Bits"/>, seen as anyref.</summary>
    RefHost,
}

/// <summary>
/// An argument constant of an action. Numbers keep their exact bits (<see cref="Bits"/>: i32/f32 in the low 32),
/// so NaN payloads survive.
/// </summary>
internal readonly record struct WastValue(WastValueKind Kind, ulong Bits, Vector128<byte> V128 = default, HeapType Heap = default);

/// <summary>What an expected result is.</summary>
internal enum WastResultKind : byte
{
    /// <summary>An exact number: <see cref="WastResult.Type"/> and <see cref="WastResult.Bits"/>.</summary>
    Number,

    /// <summary><c>nan:canonical</c> of type F32 or F64.</summary>
    CanonicalNan,

    /// <summary><c>nan:arithmetic</c> of type F32 or F64.</summary>
    ArithmeticNan,

    /// <summary><c>(v128.const shape lane*)</c> where each lane is a Number or NaN pattern: <see cref="WastResult.Lanes"/>.</summary>
    V128,

    /// <summary><c>(ref.null)</c> (any null, <see cref="WastResult.Heap"/> is null) or <c>(ref.null ht)</c>.</summary>
    RefNull,

    /// <summary><c>(ref.extern N)</c>, or <c>(ref.extern)</c> for any non-null extern reference (no payload).</summary>
    RefExtern,

    /// <summary><c>(ref.host N)</c>.</summary>
    RefHost,

    /// <summary>
    /// Any non-null reference of an abstract kind: <c>(ref.func)</c>, <c>(ref.struct)</c>, <c>(ref.array)</c>,
    /// <c>(ref.eq)</c>, <c>(ref.i31)</c>, <c>(ref.any)</c>, <c>(ref.exn)</c>; the kind is in <see cref="WastResult.Heap"/>.
    /// </summary>
    RefKind,

    /// <summary><c>(either result*)</c>: any of <see cref="WastResult.Alternatives"/>.</summary>
    Either,
}

/// <summary>An expected result of <c>assert_return</c>.</summary>
internal sealed class WastResult
{
    public required WastResultKind Kind { get; init; }

    /// <summary>I32, I64, F32 or F64 for numbers and NaN patterns (and for lanes); V128 for vectors.</summary>
    public ValKind Type { get; init; }

    /// <summary>Exact bits of a number; the payload of ref.extern / ref.host.</summary>
    public ulong Bits { get; init; }

    /// <summary>For <see cref="WastResultKind.RefExtern"/>: false for <c>(ref.extern)</c> without a payload.</summary>
    public bool HasPayload { get; init; }

    public HeapType? Heap { get; init; }

    /// <summary>Lane count of a v128 result (16, 8, 4 or 2); lane patterns in <see cref="Lanes"/>.</summary>
    public int LaneCount { get; init; }

    /// <summary>Per-lane expectations of a v128 result; integer lanes hold their bits in <see cref="Bits"/>.</summary>
    public IReadOnlyList<WastResult>? Lanes { get; init; }

    public IReadOnlyList<WastResult>? Alternatives { get; init; }
}
