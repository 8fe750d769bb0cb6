using System.Runtime.CompilerServices;

namespace WasmJit.Validation;

/// <summary>
/// The validated type section of one module: canonical ids (see <see cref="TypeRegistry"/>), declared supertypes
/// and the subtyping relation on value, heap, field and composite types.
/// https://webassembly.github.io/spec/core/valid/matching.html
/// </summary>
/// <remarks>
/// Heap types in <see cref="ValType"/> carry module type indices. Two indices denote the same type when their
/// canonical ids are equal; a concrete type is a subtype of another when walking its declared supertype chain
/// reaches a type with the other's canonical id. Depths let the walk stop early. Engines use
/// <see cref="CanonicalId"/> for run-time signature checks and casts.
/// </remarks>
internal sealed class ModuleTypes
{
    private readonly List<SubType> _types;
    private readonly int[] _canon;
    private readonly int[] _super;
    private readonly int[] _depth;

    public ModuleTypes(List<SubType> types)
    {
        _types = types;
        _canon = new int[types.Count];
        _super = new int[types.Count];
        _depth = new int[types.Count];
    }

    public int Count => _types.Count;

    public SubType this[int typeIndex] => _types[typeIndex];

    /// <summary>Process-wide id of the type: equal ids mean equivalent types (also across modules).</summary>
    public int CanonicalId(int typeIndex) => _canon[typeIndex];

    /// <summary>Declared supertype index, or -1.</summary>
    public int SuperType(int typeIndex) => _super[typeIndex];

    /// <summary>Length of the declared supertype chain above the type.</summary>
    public int Depth(int typeIndex) => _depth[typeIndex];

    internal void Define(int typeIndex, int canonicalId, int superIndex)
    {
        _canon[typeIndex] = canonicalId;
        _super[typeIndex] = superIndex;
        _depth[typeIndex] = superIndex < 0 ? 0 : _depth[superIndex] + 1;
    }

    public bool Equivalent(int a, int b) => a == b || _canon[a] == _canon[b];

    /// <summary>Is concrete type <paramref name="a"/> a (reflexive, transitive) subtype of <paramref name="b"/>?</summary>
    public bool IsSubtypeIndex(int a, int b)
    {
        if (a == b)
        {
            return true;
        }
        int target = _canon[b];
        int depthB = _depth[b];
        while (a >= 0 && _depth[a] >= depthB)
        {
            if (_canon[a] == target)
            {
                return true;
            }
            a = _super[a];
        }
        return false;
    }

    public CompositeKind KindOf(int typeIndex) => _types[typeIndex].Kind;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsSubtype(ValType a, ValType b)
    {
        if (a.Kind != b.Kind)
        {
            return a.Kind == ValKind.Bot;
        }
        if (a.Kind != ValKind.Ref)
        {
            return true;
        }
        if (a.Nullable && !b.Nullable)
        {
            return false;
        }
        return a.Heap.Code == b.Heap.Code || IsHeapSubtype(a.Heap, b.Heap);
    }

    /// <summary>Are the two types the same type (subtypes of each other)?</summary>
    public bool Same(ValType a, ValType b) => a == b || (IsSubtype(a, b) && IsSubtype(b, a));

    public bool IsHeapSubtype(HeapType a, HeapType b)
    {
        int ac = a.Code, bc = b.Code;
        if (ac == bc || ac == HeapType.BotCode)
        {
            return true;
        }
        if (bc >= 0)
        {
            if (ac >= 0)
            {
                return IsSubtypeIndex(ac, bc);
            }
            var kind = KindOf(bc);
            return ac switch
            {
                HeapType.NoneCode => kind != CompositeKind.Func,
                HeapType.NoFuncCode => kind == CompositeKind.Func,
                _ => false,
            };
        }
        if (ac >= 0)
        {
            var kind = KindOf(ac);
            return bc switch
            {
                HeapType.AnyCode or HeapType.EqCode => kind != CompositeKind.Func,
                HeapType.StructCode => kind == CompositeKind.Struct,
                HeapType.ArrayCode => kind == CompositeKind.Array,
                HeapType.FuncCode => kind == CompositeKind.Func,
                _ => false,
            };
        }
        return bc switch
        {
            HeapType.AnyCode => ac is HeapType.EqCode or HeapType.I31Code or HeapType.StructCode or HeapType.ArrayCode or HeapType.NoneCode,
            HeapType.EqCode => ac is HeapType.I31Code or HeapType.StructCode or HeapType.ArrayCode or HeapType.NoneCode,
            HeapType.I31Code or HeapType.StructCode or HeapType.ArrayCode => ac == HeapType.NoneCode,
            HeapType.FuncCode => ac == HeapType.NoFuncCode,
            HeapType.ExternCode => ac == HeapType.NoExternCode,
            HeapType.ExnCode => ac == HeapType.NoExnCode,
            _ => false,
        };
    }

    /// <summary>The top of the hierarchy the heap type belongs to: any, func, extern or exn (bot for bot).</summary>
    public HeapType Top(HeapType h)
    {
        int c = h.Code;
        if (c >= 0)
        {
            return KindOf(c) == CompositeKind.Func ? HeapType.Func : HeapType.Any;
        }
        return c switch
        {
            HeapType.FuncCode or HeapType.NoFuncCode => HeapType.Func,
            HeapType.ExternCode or HeapType.NoExternCode => HeapType.Extern,
            HeapType.ExnCode or HeapType.NoExnCode => HeapType.Exn,
            HeapType.BotCode => HeapType.Bot,
            _ => HeapType.Any,
        };
    }

    /// <summary>Field subtyping: mutable fields are invariant, immutable ones covariant, packed types only match themselves.</summary>
    public bool IsFieldSubtype(FieldType a, FieldType b)
    {
        if (a.Mutable != b.Mutable)
        {
            return false;
        }
        if (a.Storage.IsPacked || b.Storage.IsPacked)
        {
            return a.Storage.Kind == b.Storage.Kind;
        }
        return a.Mutable ? Same(a.Storage, b.Storage) : IsSubtype(a.Storage, b.Storage);
    }

    /// <summary>Storage type subtyping (array.copy): packed types only match themselves.</summary>
    public bool IsStorageSubtype(ValType a, ValType b) =>
        a.IsPacked || b.IsPacked ? a.Kind == b.Kind : IsSubtype(a, b);

    /// <summary>https://webassembly.github.io/spec/core/valid/matching.html#composite-types</summary>
    public bool IsCompositeSubtype(SubType a, SubType b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }
        switch (a.Kind)
        {
            case CompositeKind.Func:
                {
                    var fa = a.Func!;
                    var fb = b.Func!;
                    if (fa.Params.Length != fb.Params.Length || fa.Results.Length != fb.Results.Length)
                    {
                        return false;
                    }
                    for (int i = 0; i < fa.Params.Length; i++)
                    {
                        if (!IsSubtype(fb.Params[i], fa.Params[i]))
                        {
                            return false;
                        }
                    }
                    for (int i = 0; i < fa.Results.Length; i++)
                    {
                        if (!IsSubtype(fa.Results[i], fb.Results[i]))
                        {
                            return false;
                        }
                    }
                    return true;
                }
            case CompositeKind.Struct:
                {
                    var sa = a.Struct!.Fields;
                    var sb = b.Struct!.Fields;
                    if (sa.Length < sb.Length)
                    {
                        return false;
                    }
                    for (int i = 0; i < sb.Length; i++)
                    {
                        if (!IsFieldSubtype(sa[i], sb[i]))
                        {
                            return false;
                        }
                    }
                    return true;
                }
            default:
                return IsFieldSubtype(a.Array!.Element, b.Array!.Element);
        }
    }
}
