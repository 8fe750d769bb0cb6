namespace WasmJit.Runtime;

/// <summary>
/// Subtyping and import matching over canonical types
/// (https://webassembly.github.io/spec/core/valid/matching.html): every concrete heap type here is a
/// <see cref="TypeRegistry"/> id.
/// </summary>
internal static class TypeMatch
{
    public static bool IsSubtype(ValType a, ValType b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }
        if (!a.IsRef)
        {
            return true;
        }
        if (a.Nullable && !b.Nullable)
        {
            return false;
        }
        return IsHeapSubtype(a.Heap, b.Heap);
    }

    public static bool AreEqual(ValType a, ValType b) => IsSubtype(a, b) && IsSubtype(b, a);

    public static bool IsHeapSubtype(HeapType a, HeapType b)
    {
        if (a == b)
        {
            return true;
        }
        if (a.IsConcrete)
        {
            var da = TypeRegistry.Get(a.TypeIndex);
            if (b.IsConcrete)
            {
                return da.IsSubtypeOf(TypeRegistry.Get(b.TypeIndex));
            }
            return b.Code switch
            {
                HeapType.FuncCode => da.Kind == CompositeKind.Func,
                HeapType.StructCode => da.Kind == CompositeKind.Struct,
                HeapType.ArrayCode => da.Kind == CompositeKind.Array,
                HeapType.EqCode or HeapType.AnyCode => da.Kind != CompositeKind.Func,
                _ => false,
            };
        }
        if (b.IsConcrete)
        {
            var db = TypeRegistry.Get(b.TypeIndex);
            return a.Code switch
            {
                HeapType.NoFuncCode => db.Kind == CompositeKind.Func,
                HeapType.NoneCode => db.Kind != CompositeKind.Func,
                _ => false,
            };
        }
        return (a.Code, b.Code) switch
        {
            (HeapType.NoneCode, HeapType.I31Code or HeapType.StructCode or HeapType.ArrayCode or HeapType.EqCode or HeapType.AnyCode) => true,
            (HeapType.I31Code or HeapType.StructCode or HeapType.ArrayCode, HeapType.EqCode or HeapType.AnyCode) => true,
            (HeapType.EqCode, HeapType.AnyCode) => true,
            (HeapType.NoFuncCode, HeapType.FuncCode) => true,
            (HeapType.NoExternCode, HeapType.ExternCode) => true,
            (HeapType.NoExnCode, HeapType.ExnCode) => true,
            _ => false,
        };
    }

    /// <summary>Limits matching: the actual (current) limits lie within the expected ones.</summary>
    public static bool LimitsMatch(ulong actualMin, ulong? actualMax, Limits expected)
    {
        if (actualMin < expected.Min)
        {
            return false;
        }
        if (expected.Max is ulong max)
        {
            return actualMax is ulong am && am <= max;
        }
        return true;
    }
}
