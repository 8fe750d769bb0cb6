namespace WasmJit.Binary;

/// <summary>Type section (id 1): https://webassembly.github.io/spec/core/binary/modules.html#type-section</summary>
internal sealed partial class ModuleDecoder
{
    private const byte RecCode = 0x4e;
    private const byte SubCode = 0x50;
    private const byte SubFinalCode = 0x4f;
    private const byte FuncCode = 0x60;
    private const byte StructCode = 0x5f;
    private const byte ArrayCode = 0x5e;

    /// <summary>Returns the number of recursion groups (the section's vector length).</summary>
    private int ReadTypeSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var types = _module.Types;
        types.EnsureCapacity(types.Count + Capacity(count, r, 3));
        for (int i = 0; i < count; i++)
        {
            if (r.PeekByte() == RecCode)
            {
                RequireGc(r.Offset);
                r.ReadByte();
                int n = ReadLength(ref r);
                int groupStart = types.Count;
                _module.RecGroups.Add(new RecGroupEntry(groupStart, n, Explicit: true));
                for (int k = 0; k < n; k++)
                {
                    types.Add(ReadMarkedSubType(ref r));
                }
                for (int k = groupStart; k < types.Count; k++)
                {
                    types[k].RecGroupStart = groupStart;
                    types[k].RecGroupSize = n;
                }
                Use(WasmFeatures.Gc);
            }
            else
            {
                var t = ReadMarkedSubType(ref r);
                t.RecGroupStart = types.Count;
                _module.RecGroups.Add(new RecGroupEntry(types.Count, 1, Explicit: false));
                types.Add(t);
            }
        }
        return count;
    }

    private void RequireGc(long at)
    {
        if (!Enabled(WasmFeatures.Gc))
        {
            Throw.Malformed("malformed definition type", at);
        }
    }

    /// <summary>Reads a sub type and records whether it was written with the <c>sub</c> prefix (for the printer).</summary>
    private SubType ReadMarkedSubType(ref WasmReader r)
    {
        bool prefixed = r.PeekByte() is SubCode or SubFinalCode;
        var t = ReadSubType(ref r);
        t.WrittenAsSub = prefixed;
        return t;
    }

    private SubType ReadSubType(ref WasmReader r)
    {
        bool final = true;
        int[] supers = [];
        byte b = r.PeekByte();
        if (b is SubCode or SubFinalCode)
        {
            RequireGc(r.Offset);
            r.ReadByte();
            Use(WasmFeatures.Gc);
            final = b == SubFinalCode;
            int n = ReadLength(ref r);
            if (n > 0)
            {
                supers = new int[n];
                for (int i = 0; i < n; i++)
                {
                    supers[i] = ReadIndex(ref r);
                }
            }
        }

        long at = r.Offset;
        byte kind = r.ReadByte();
        switch (kind)
        {
            case FuncCode:
                var parameters = ReadResultType(ref r);
                var results = ReadResultType(ref r);
                if (results.Length > 1)
                {
                    Use(WasmFeatures.MultiValue);
                }
                return new SubType(CompositeKind.Func, new FuncType(parameters, results), null, null, final, supers);
            case StructCode:
                RequireGc(at);
                Use(WasmFeatures.Gc);
                int n = ReadLength(ref r);
                FieldType[] fields = n == 0 ? [] : new FieldType[n];
                for (int i = 0; i < n; i++)
                {
                    fields[i] = ReadFieldType(ref r);
                }
                return new SubType(CompositeKind.Struct, null, new StructType(fields), null, final, supers);
            case ArrayCode:
                RequireGc(at);
                Use(WasmFeatures.Gc);
                return new SubType(CompositeKind.Array, null, null, new ArrayType(ReadFieldType(ref r)), final, supers);
            default:
                // The reference reads the code as a one-byte signed LEB128, so a continuation bit is a length error.
                return Throw.Malformed<SubType>(
                    (kind & 0x80) != 0 ? "integer representation too long" : "malformed definition type", at);
        }
    }

    private ValType[] ReadResultType(ref WasmReader r)
    {
        int n = ReadLength(ref r);
        if (n == 0)
        {
            return [];
        }
        var types = new ValType[n];
        for (int i = 0; i < n; i++)
        {
            types[i] = ReadValType(ref r);
        }
        return types;
    }

    /// <summary>A struct or array field: storage type (a value type or packed i8 0x78 / i16 0x77) and mutability.</summary>
    private FieldType ReadFieldType(ref WasmReader r)
    {
        ValType storage;
        switch (r.PeekByte())
        {
            case 0x78:
                r.ReadByte();
                storage = ValType.I8;
                break;
            case 0x77:
                r.ReadByte();
                storage = ValType.I16;
                break;
            default:
                storage = ReadValType(ref r);
                break;
        }
        return new FieldType(storage, ReadMutability(ref r));
    }
}
