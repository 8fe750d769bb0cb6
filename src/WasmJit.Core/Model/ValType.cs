using System.Runtime.CompilerServices;

namespace WasmJit;

/// <summary>The kinds of value a WebAssembly stack slot, local, global or field can hold.</summary>
public enum ValKind : byte
{
    I32,
    I64,
    F32,
    F64,
    V128,

    /// <summary>A reference; see <see cref="ValType.Heap"/> and <see cref="ValType.Nullable"/>.</summary>
    Ref,

    /// <summary>Packed 8-bit storage (struct and array fields only).</summary>
    I8,

    /// <summary>Packed 16-bit storage (struct and array fields only).</summary>
    I16,

    /// <summary>The bottom type of the validator's polymorphic stack; never in a module.</summary>
    Bot,
}

/// <summary>
/// A heap type: either abstract (func, extern, any, ...) or a concrete type index of the defining module.
/// <see cref="Code"/> is the binary encoding: negative s33 values for the abstract types
/// (https://webassembly.github.io/spec/core/binary/types.html#heap-types), non-negative for type indices.
/// </summary>
public readonly struct HeapType : IEquatable<HeapType>
{
    public const int FuncCode = -0x10;      // 0x70
    public const int ExternCode = -0x11;    // 0x6F
    public const int AnyCode = -0x12;       // 0x6E
    public const int EqCode = -0x13;        // 0x6D
    public const int I31Code = -0x14;       // 0x6C
    public const int StructCode = -0x15;    // 0x6B
    public const int ArrayCode = -0x16;     // 0x6A
    public const int ExnCode = -0x17;       // 0x69
    public const int NoExnCode = -0x0C;     // 0x74
    public const int NoFuncCode = -0x0D;    // 0x73
    public const int NoExternCode = -0x0E;  // 0x72
    public const int NoneCode = -0x0F;      // 0x71

    /// <summary>Bottom heap type, used by the validator only (unreachable code).</summary>
    internal const int BotCode = -0x40;

    public HeapType(int code) => Code = code;

    public int Code { get; }

    public bool IsConcrete => Code >= 0;

    public bool IsAbstract => Code < 0;

    /// <summary>Type index (only when <see cref="IsConcrete"/>).</summary>
    public int TypeIndex => Code;

    public static HeapType Func => new(FuncCode);
    public static HeapType Extern => new(ExternCode);
    public static HeapType Any => new(AnyCode);
    public static HeapType Eq => new(EqCode);
    public static HeapType I31 => new(I31Code);
    public static HeapType Struct => new(StructCode);
    public static HeapType Array => new(ArrayCode);
    public static HeapType Exn => new(ExnCode);
    public static HeapType NoExn => new(NoExnCode);
    public static HeapType NoFunc => new(NoFuncCode);
    public static HeapType NoExtern => new(NoExternCode);
    public static HeapType None => new(NoneCode);
    internal static HeapType Bot => new(BotCode);

    public static HeapType Index(int typeIndex) => new(typeIndex);

    /// <summary>Is <paramref name="code"/> one of the abstract heap type encodings?</summary>
    public static bool IsAbstractCode(long code) => code is >= ExnCode and <= NoExnCode;

    public bool Equals(HeapType other) => Code == other.Code;

    public override bool Equals(object? obj) => obj is HeapType h && Equals(h);

    public override int GetHashCode() => Code;

    public static bool operator ==(HeapType a, HeapType b) => a.Code == b.Code;

    public static bool operator !=(HeapType a, HeapType b) => a.Code != b.Code;

    public override string ToString() => Code switch
    {
        FuncCode => "func",
        ExternCode => "extern",
        AnyCode => "any",
        EqCode => "eq",
        I31Code => "i31",
        StructCode => "struct",
        ArrayCode => "array",
        ExnCode => "exn",
        NoExnCode => "noexn",
        NoFuncCode => "nofunc",
        NoExternCode => "noextern",
        NoneCode => "none",
        BotCode => "bot",
        _ => Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A value type (https://webassembly.github.io/spec/core/syntax/types.html#value-types), including the full
/// reference types of typed function references and GC: heap type plus nullability. Also used as the
/// storage type of GC fields (<see cref="ValKind.I8"/>, <see cref="ValKind.I16"/>).
/// </summary>
public readonly struct ValType : IEquatable<ValType>
{
    private readonly int _heap;

    private ValType(ValKind kind, bool nullable, int heap)
    {
        Kind = kind;
        Nullable = nullable;
        _heap = heap;
    }

    public ValKind Kind { get; }

    /// <summary>For references: may the value be null?</summary>
    public bool Nullable { get; }

    /// <summary>For references: the heap type.</summary>
    public HeapType Heap => new(_heap);

    public bool IsRef => Kind == ValKind.Ref;

    public bool IsNumeric => Kind is ValKind.I32 or ValKind.I64 or ValKind.F32 or ValKind.F64;

    public bool IsPacked => Kind is ValKind.I8 or ValKind.I16;

    /// <summary>Can a local of this type start with a default value (numbers, vectors, nullable references)?</summary>
    public bool IsDefaultable => Kind != ValKind.Ref || Nullable;

    public static ValType I32 => new(ValKind.I32, false, 0);
    public static ValType I64 => new(ValKind.I64, false, 0);
    public static ValType F32 => new(ValKind.F32, false, 0);
    public static ValType F64 => new(ValKind.F64, false, 0);
    public static ValType V128 => new(ValKind.V128, false, 0);
    public static ValType I8 => new(ValKind.I8, false, 0);
    public static ValType I16 => new(ValKind.I16, false, 0);
    internal static ValType Bot => new(ValKind.Bot, false, 0);
    public static ValType FuncRef => Ref(HeapType.Func, true);
    public static ValType ExternRef => Ref(HeapType.Extern, true);
    public static ValType AnyRef => Ref(HeapType.Any, true);
    public static ValType ExnRef => Ref(HeapType.Exn, true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ValType Ref(HeapType heap, bool nullable) => new(ValKind.Ref, nullable, heap.Code);

    public static ValType FromKind(ValKind kind) => new(kind, false, 0);

    /// <summary>Size in bytes of the unpacked value (for references: one slot).</summary>
    public int ByteSize => Kind switch
    {
        ValKind.I32 or ValKind.F32 => 4,
        ValKind.I64 or ValKind.F64 => 8,
        ValKind.V128 => 16,
        ValKind.I8 => 1,
        ValKind.I16 => 2,
        _ => 8,
    };

    public bool Equals(ValType other) => Kind == other.Kind && Nullable == other.Nullable && _heap == other._heap;

    public override bool Equals(object? obj) => obj is ValType v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Kind, Nullable, _heap);

    public static bool operator ==(ValType a, ValType b) => a.Equals(b);

    public static bool operator !=(ValType a, ValType b) => !a.Equals(b);

    /// <summary>The text-format spelling, e.g. <c>i32</c>, <c>funcref</c>, <c>(ref null 3)</c>.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case ValKind.I32: return "i32";
            case ValKind.I64: return "i64";
            case ValKind.F32: return "f32";
            case ValKind.F64: return "f64";
            case ValKind.V128: return "v128";
            case ValKind.I8: return "i8";
            case ValKind.I16: return "i16";
            case ValKind.Bot: return "bot";
        }
        if (Nullable && Heap.IsAbstract && Heap.Code != HeapType.BotCode)
        {
            return Heap.Code switch
            {
                HeapType.NoneCode => "nullref",
                HeapType.NoFuncCode => "nullfuncref",
                HeapType.NoExternCode => "nullexternref",
                HeapType.NoExnCode => "nullexnref",
                _ => Heap + "ref",
            };
        }
        return Nullable ? $"(ref null {Heap})" : $"(ref {Heap})";
    }
}
