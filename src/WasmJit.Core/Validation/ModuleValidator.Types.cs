using WasmJit.Binary;

namespace WasmJit.Validation;

/// <summary>
/// The type section: recursion groups, declared supertypes and canonicalisation.
/// https://webassembly.github.io/spec/core/valid/types.html#recursive-types
/// </summary>
internal sealed partial class ModuleValidator
{
    private readonly List<int> _key = [];

    private void ValidateTypes()
    {
        var types = _m.Types;
        int i = 0;
        while (i < types.Count)
        {
            int start = types[i].RecGroupStart;
            int size = Math.Max(1, types[i].RecGroupSize);
            if (start != i || start + size > types.Count)
            {
                Throw.Invalid("malformed recursion group", -1);
            }
            ValidateRecGroup(start, start + size);
            i += size;
        }
    }

    private void ValidateRecGroup(int start, int end)
    {
        var types = _m.Types;

        // 1. Every reference stays inside the module's types up to the end of this group; supertypes precede.
        for (int x = start; x < end; x++)
        {
            var st = types[x];
            if (st.SuperTypes.Length > 1)
            {
                Throw.Invalid("sub type: at most one supertype", -1);
            }
            foreach (int y in st.SuperTypes)
            {
                if ((uint)y >= (uint)x)
                {
                    Throw.Invalid($"unknown type {y}", -1);
                }
            }
            ForEachValType(st, t =>
            {
                if (t.Kind == ValKind.Ref && t.Heap.IsConcrete && t.Heap.TypeIndex >= end)
                {
                    Throw.Invalid($"unknown type {t.Heap.TypeIndex}", -1);
                }
            });
        }

        // 2. Canonicalise: the group's key refers to its own members by position and to earlier types by id.
        _key.Clear();
        _key.Add(end - start);
        for (int x = start; x < end; x++)
        {
            var st = types[x];
            _key.Add(st.Final ? 1 : 0);
            _key.Add((int)st.Kind);
            _key.Add(st.SuperTypes.Length);
            foreach (int y in st.SuperTypes)
            {
                EncodeIndex(y, start, end);
            }
            switch (st.Kind)
            {
                case CompositeKind.Func:
                    _key.Add(st.Func!.Params.Length);
                    foreach (var p in st.Func.Params)
                    {
                        Encode(p, start, end);
                    }
                    _key.Add(st.Func.Results.Length);
                    foreach (var r in st.Func.Results)
                    {
                        Encode(r, start, end);
                    }
                    break;
                case CompositeKind.Struct:
                    _key.Add(st.Struct!.Fields.Length);
                    foreach (var f in st.Struct.Fields)
                    {
                        Encode(f.Storage, start, end);
                        _key.Add(f.Mutable ? 1 : 0);
                    }
                    break;
                default:
                    Encode(st.Array!.Element.Storage, start, end);
                    _key.Add(st.Array.Element.Mutable ? 1 : 0);
                    break;
            }
        }
        int baseId = TypeRegistry.Shared.Intern([.. _key], end - start);
        for (int x = start; x < end; x++)
        {
            var supers = types[x].SuperTypes;
            _types.Define(x, baseId + (x - start), supers.Length == 0 ? -1 : supers[0]);
        }

        // 3. Declared supertypes: open, same kind, structurally a supertype.
        for (int x = start; x < end; x++)
        {
            var st = types[x];
            foreach (int y in st.SuperTypes)
            {
                var sup = types[y];
                if (sup.Final)
                {
                    Throw.Invalid($"sub type {x} has final super type {y}", -1);
                }
                if (!_types.IsCompositeSubtype(st, sup))
                {
                    Throw.Invalid($"sub type {x} does not match super type {y}", -1);
                }
            }
        }
    }

    private void EncodeIndex(int index, int start, int end)
    {
        if (index >= start && index < end)
        {
            _key.Add(1);
            _key.Add(index - start);
        }
        else
        {
            _key.Add(2);
            _key.Add(_types.CanonicalId(index));
        }
    }

    private void Encode(ValType t, int start, int end)
    {
        _key.Add((int)t.Kind);
        if (t.Kind != ValKind.Ref)
        {
            return;
        }
        _key.Add(t.Nullable ? 1 : 0);
        if (t.Heap.IsAbstract)
        {
            _key.Add(0);
            _key.Add(t.Heap.Code);
        }
        else
        {
            EncodeIndex(t.Heap.TypeIndex, start, end);
        }
    }

    private static void ForEachValType(SubType st, Action<ValType> action)
    {
        switch (st.Kind)
        {
            case CompositeKind.Func:
                foreach (var p in st.Func!.Params)
                {
                    action(p);
                }
                foreach (var r in st.Func.Results)
                {
                    action(r);
                }
                break;
            case CompositeKind.Struct:
                foreach (var f in st.Struct!.Fields)
                {
                    action(f.Storage);
                }
                break;
            default:
                action(st.Array!.Element.Storage);
                break;
        }
    }
}
