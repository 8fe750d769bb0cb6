namespace WasmJit.Runtime;

/// <summary>
/// A canonical defined type (https://webassembly.github.io/spec/core/valid/conventions.html#defined-types): one
/// object per structurally distinct type of a structurally distinct recursion group, across all modules, so that
/// type equality is reference equality (iso-recursive equivalence, as the GC proposal defines it). Value types
/// inside it are canonical too: a concrete heap type's code is the <see cref="Id"/> of its canonical type, not a
/// module-relative index.
/// </summary>
internal sealed class DefinedType
{
    internal DefinedType(int id, CompositeKind kind, bool final)
    {
        Id = id;
        Kind = kind;
        Final = final;
    }

    /// <summary>Index in <see cref="TypeRegistry"/>; the heap-type code of canonical concrete references.</summary>
    public int Id { get; }

    public CompositeKind Kind { get; }

    public bool Final { get; }

    /// <summary>The declared supertype (Wasm 3.0 allows at most one), or null.</summary>
    public DefinedType? Super { get; internal set; }

    /// <summary>Number of declared supertypes above this one.</summary>
    public int Depth { get; internal set; }

    /// <summary>The function type, with canonical value types (Kind Func only).</summary>
    public FuncType? Func { get; internal set; }

    public StructType? Struct { get; internal set; }

    public ArrayType? Array { get; internal set; }

    /// <summary>Declared subtyping: reflexive, transitive along <see cref="Super"/>.</summary>
    public bool IsSubtypeOf(DefinedType other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other.Depth >= Depth)
        {
            return false;
        }
        var t = Super;
        while (t is not null && t.Depth > other.Depth)
        {
            t = t.Super;
        }
        return ReferenceEquals(t, other);
    }

    public override string ToString() => Kind switch
    {
        CompositeKind.Func => $"(type {Id} (func {Func}))",
        CompositeKind.Struct => $"(type {Id} (struct))",
        _ => $"(type {Id} (array))",
    };
}
