namespace WasmJit;

/// <summary>A function type: https://webassembly.github.io/spec/core/syntax/types.html#function-types</summary>
public sealed class FuncType : IEquatable<FuncType>
{
    public FuncType(ValType[] parameters, ValType[] results)
    {
        Params = parameters;
        Results = results;
    }

    public static FuncType Empty { get; } = new([], []);

    /// <summary>Parameter types. Do not mutate.</summary>
    public ValType[] Params { get; }

    /// <summary>Result types. Do not mutate.</summary>
    public ValType[] Results { get; }

    /// <summary>Structural equality of the signature (ignores rec-group identity; see the validator for that).</summary>
    public bool Equals(FuncType? other) =>
        other is not null && Params.AsSpan().SequenceEqual(other.Params) && Results.AsSpan().SequenceEqual(other.Results);

    public override bool Equals(object? obj) => Equals(obj as FuncType);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var p in Params)
        {
            h.Add(p);
        }
        h.Add(-1);
        foreach (var r in Results)
        {
            h.Add(r);
        }
        return h.ToHashCode();
    }

    public override string ToString() =>
        $"[{string.Join(" ", Params)}] -> [{string.Join(" ", Results)}]";
}

/// <summary>A struct or array field: storage type (possibly packed) and mutability.</summary>
public readonly record struct FieldType(ValType Storage, bool Mutable)
{
    /// <summary>The type a value read from the field has on the stack (packed fields read as i32).</summary>
    public ValType Unpacked => Storage.IsPacked ? ValType.I32 : Storage;
}

/// <summary>GC struct type.</summary>
public sealed class StructType(FieldType[] fields)
{
    public FieldType[] Fields { get; } = fields;
}

/// <summary>GC array type.</summary>
public sealed class ArrayType(FieldType element)
{
    public FieldType Element { get; } = element;
}

public enum CompositeKind : byte
{
    Func,
    Struct,
    Array,
}

/// <summary>
/// One entry of the type section: a composite type with its declared supertypes and finality, and its place in
/// its recursion group (https://webassembly.github.io/spec/core/syntax/types.html#recursive-types).
/// </summary>
public sealed class SubType
{
    public SubType(CompositeKind kind, FuncType? func, StructType? @struct, ArrayType? array, bool final, int[] superTypes)
    {
        Kind = kind;
        Func = func;
        Struct = @struct;
        Array = array;
        Final = final;
        SuperTypes = superTypes;
    }

    public CompositeKind Kind { get; }

    public FuncType? Func { get; }

    public StructType? Struct { get; }

    public ArrayType? Array { get; }

    public bool Final { get; }

    /// <summary>Declared supertype indices (at most one in Wasm 3.0).</summary>
    public int[] SuperTypes { get; }

    /// <summary>Index of the first type of this type's recursion group.</summary>
    public int RecGroupStart { get; internal set; }

    /// <summary>Number of types in the recursion group.</summary>
    public int RecGroupSize { get; internal set; } = 1;

    /// <summary>
    /// Written with a <c>sub</c> prefix (0x50 / 0x4F) in the binary. A final type without supertypes means the same
    /// either way; the printer keeps the spelling so that the text encodes back to the same bytes.
    /// </summary>
    public bool WrittenAsSub { get; internal set; }

    public static SubType OfFunc(FuncType f) => new(CompositeKind.Func, f, null, null, true, []);
}

/// <summary>Limits of a memory or table, in pages or elements. 64-bit capable.</summary>
public readonly record struct Limits(ulong Min, ulong? Max);

public enum ExternKind : byte
{
    Func = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
    Tag = 4,
}

/// <summary>https://webassembly.github.io/spec/core/syntax/types.html#memory-types</summary>
public readonly record struct MemoryType(Limits Limits, bool Shared, bool Is64, int PageSizeLog2 = 16)
{
    public ValType IndexType => Is64 ? ValType.I64 : ValType.I32;
}

/// <summary>https://webassembly.github.io/spec/core/syntax/types.html#table-types</summary>
public readonly record struct TableType(ValType Element, Limits Limits, bool Is64)
{
    public ValType IndexType => Is64 ? ValType.I64 : ValType.I32;
}

/// <summary>https://webassembly.github.io/spec/core/syntax/types.html#global-types</summary>
public readonly record struct GlobalType(ValType Type, bool Mutable);
