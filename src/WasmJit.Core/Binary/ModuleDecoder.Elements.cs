namespace WasmJit.Binary;

/// <summary>
/// Element section (id 9): https://webassembly.github.io/spec/core/binary/modules.html#element-section. The flags
/// value (0-7) selects the form: bit 0 passive/declarative, bit 1 explicit table index (active) or declarative
/// (otherwise), bit 2 expressions instead of function indices.
/// </summary>
internal sealed partial class ModuleDecoder
{
    private int ReadElementSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var elements = _module.Elements;
        elements.EnsureCapacity(elements.Count + Capacity(count, r, 3));
        for (int i = 0; i < count; i++)
        {
            elements.Add(ReadElementSegment(ref r));
        }
        return count;
    }

    private ElementSegment ReadElementSegment(ref WasmReader r)
    {
        long at = r.Offset;
        uint flags = r.ReadU32();
        if (flags > 7 || (flags != 0 && !Enabled(WasmFeatures.BulkMemory)))
        {
            Throw.Malformed("malformed elements segment kind", at);
        }
        if (flags != 0)
        {
            Use(WasmFeatures.BulkMemory);
        }

        SegmentMode mode = (flags & 1) == 0 ? SegmentMode.Active
            : (flags & 2) == 0 ? SegmentMode.Passive
            : SegmentMode.Declarative;
        int table = 0;
        ConstExpr offset = default;
        if (mode == SegmentMode.Active)
        {
            if ((flags & 2) != 0)
            {
                table = ReadIndex(ref r);
                if (table != 0)
                {
                    Use(WasmFeatures.ReferenceTypes);
                }
            }
            offset = ReadConstExpr(ref r);
        }

        bool expressions = (flags & 4) != 0;
        ValType type;
        if (flags is 0)
        {
            type = ValType.Ref(HeapType.Func, false);
        }
        else if (flags is 4)
        {
            type = ValType.FuncRef;
        }
        else if (!expressions)
        {
            long kindAt = r.Offset;
            if (r.ReadByte() != 0x00)
            {
                Throw.Malformed("malformed element kind", kindAt);
            }
            type = ValType.Ref(HeapType.Func, false);
        }
        else
        {
            type = ReadRefType(ref r);
        }

        int n = ReadLength(ref r);
        if (!expressions)
        {
            int[] functions = n == 0 ? [] : new int[n];
            for (int k = 0; k < n; k++)
            {
                functions[k] = ReadIndex(ref r);
            }
            return new ElementSegment
            {
                Mode = mode, TableIndex = table, Offset = offset, ElementType = type, FunctionIndices = functions,
            };
        }

        ConstExpr[] exprs = n == 0 ? [] : new ConstExpr[n];
        for (int k = 0; k < n; k++)
        {
            exprs[k] = ReadConstExpr(ref r);
        }
        return new ElementSegment
        {
            Mode = mode, TableIndex = table, Offset = offset, ElementType = type, Expressions = exprs,
        };
    }
}
