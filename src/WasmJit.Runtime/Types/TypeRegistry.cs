using System.Text;

namespace WasmJit.Runtime;

/// <summary>
/// Process-wide canonicalisation of recursion groups
/// (https://webassembly.github.io/spec/core/valid/conventions.html#rolling-and-unrolling): two groups are the same
/// when they are structurally equal with references inside the group compared by relative index and references
/// outside compared by canonical identity. Instantiation maps each module type index to a <see cref="DefinedType"/>.
/// </summary>
internal static class TypeRegistry
{
    private static readonly object s_lock = new();
    private static readonly List<DefinedType> s_all = [];
    private static readonly Dictionary<string, DefinedType[]> s_groups = new(StringComparer.Ordinal);

    public static DefinedType Get(int id)
    {
        lock (s_lock)
        {
            return s_all[id];
        }
    }

    /// <summary>Canonical types of every entry of the module's type section.</summary>
    public static DefinedType[] Canonicalize(WasmModule module)
    {
        var types = module.Types;
        var result = new DefinedType[types.Count];
        int i = 0;
        while (i < types.Count)
        {
            int size = Math.Max(1, types[i].RecGroupSize);
            size = Math.Min(size, types.Count - i);
            var group = CanonicalizeGroup(types, i, size, result);
            group.CopyTo(result, i);
            i += size;
        }
        return result;
    }

    /// <summary>
    /// The canonical type of a host function's signature: a final type alone in its group. Concrete heap types in
    /// <paramref name="type"/> are taken to be canonical ids already.
    /// </summary>
    public static DefinedType ForHostFunction(FuncType type)
    {
        var single = new List<SubType> { SubType.OfFunc(type) };
        return CanonicalizeGroup(single, 0, 1, null)[0];
    }

    private static DefinedType[] CanonicalizeGroup(List<SubType> types, int start, int size, DefinedType[]? known)
    {
        var key = new StringBuilder();
        for (int k = 0; k < size; k++)
        {
            AppendSubType(key, types[start + k], start, size, known);
            key.Append(';');
        }
        string keyText = key.ToString();
        lock (s_lock)
        {
            if (s_groups.TryGetValue(keyText, out var existing))
            {
                return existing;
            }
            var group = new DefinedType[size];
            for (int k = 0; k < size; k++)
            {
                var st = types[start + k];
                group[k] = new DefinedType(s_all.Count, st.Kind, st.Final);
                s_all.Add(group[k]);
            }
            for (int k = 0; k < size; k++)
            {
                var st = types[start + k];
                var dt = group[k];
                if (st.SuperTypes.Length > 0)
                {
                    dt.Super = Resolve(st.SuperTypes[0], start, size, known, group);
                    dt.Depth = dt.Super.Depth + 1;
                }
                switch (st.Kind)
                {
                    case CompositeKind.Func:
                        dt.Func = new FuncType(
                            Map(st.Func!.Params, start, size, known, group),
                            Map(st.Func.Results, start, size, known, group));
                        break;
                    case CompositeKind.Struct:
                        var fields = new FieldType[st.Struct!.Fields.Length];
                        for (int f = 0; f < fields.Length; f++)
                        {
                            var ft = st.Struct.Fields[f];
                            fields[f] = ft with { Storage = Map(ft.Storage, start, size, known, group) };
                        }
                        dt.Struct = new StructType(fields);
                        break;
                    case CompositeKind.Array:
                        var el = st.Array!.Element;
                        dt.Array = new ArrayType(el with { Storage = Map(el.Storage, start, size, known, group) });
                        break;
                }
            }
            s_groups.Add(keyText, group);
            return group;
        }
    }

    private static DefinedType Resolve(int index, int start, int size, DefinedType[]? known, DefinedType[] group)
    {
        if (index >= start && index < start + size)
        {
            return group[index - start];
        }
        return known is not null ? known[index] : s_all[index];
    }

    private static ValType[] Map(ValType[] types, int start, int size, DefinedType[]? known, DefinedType[] group)
    {
        var result = new ValType[types.Length];
        for (int i = 0; i < types.Length; i++)
        {
            result[i] = Map(types[i], start, size, known, group);
        }
        return result;
    }

    private static ValType Map(ValType t, int start, int size, DefinedType[]? known, DefinedType[] group)
    {
        if (!t.IsRef || !t.Heap.IsConcrete)
        {
            return t;
        }
        var dt = Resolve(t.Heap.TypeIndex, start, size, known, group);
        return ValType.Ref(HeapType.Index(dt.Id), t.Nullable);
    }

    private static void AppendSubType(StringBuilder sb, SubType st, int start, int size, DefinedType[]? known)
    {
        sb.Append(st.Final ? 'F' : 'O');
        foreach (var s in st.SuperTypes)
        {
            sb.Append('<');
            AppendIndex(sb, s, start, size, known);
        }
        switch (st.Kind)
        {
            case CompositeKind.Func:
                sb.Append("f(");
                foreach (var p in st.Func!.Params)
                {
                    AppendValType(sb, p, start, size, known);
                }
                sb.Append(")(");
                foreach (var r in st.Func.Results)
                {
                    AppendValType(sb, r, start, size, known);
                }
                sb.Append(')');
                break;
            case CompositeKind.Struct:
                sb.Append("s(");
                foreach (var f in st.Struct!.Fields)
                {
                    sb.Append(f.Mutable ? 'm' : 'c');
                    AppendValType(sb, f.Storage, start, size, known);
                }
                sb.Append(')');
                break;
            case CompositeKind.Array:
                sb.Append("a(");
                sb.Append(st.Array!.Element.Mutable ? 'm' : 'c');
                AppendValType(sb, st.Array.Element.Storage, start, size, known);
                sb.Append(')');
                break;
        }
    }

    private static void AppendValType(StringBuilder sb, ValType t, int start, int size, DefinedType[]? known)
    {
        sb.Append((char)('a' + (int)t.Kind));
        if (t.IsRef)
        {
            sb.Append(t.Nullable ? '?' : '!');
            if (t.Heap.IsConcrete)
            {
                AppendIndex(sb, t.Heap.TypeIndex, start, size, known);
            }
            else
            {
                sb.Append(t.Heap.Code);
            }
        }
        sb.Append(',');
    }

    private static void AppendIndex(StringBuilder sb, int index, int start, int size, DefinedType[]? known)
    {
        if (index >= start && index < start + size)
        {
            sb.Append('r').Append(index - start);
        }
        else
        {
            sb.Append('c').Append(known is not null ? known[index].Id : index);
        }
    }
}
