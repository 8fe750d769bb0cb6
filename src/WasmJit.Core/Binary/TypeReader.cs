namespace WasmJit.Binary;

/// <summary>Reads value, heap and reference types: https://webassembly.github.io/spec/core/binary/types.html</summary>
internal static class TypeReader
{
    public static ValType ReadValType(ref WasmReader r, WasmFeatures features)
    {
        long at = r.Offset;
        byte b = r.ReadByte();
        switch (b)
        {
            case 0x7f: return ValType.I32;
            case 0x7e: return ValType.I64;
            case 0x7d: return ValType.F32;
            case 0x7c: return ValType.F64;
            case 0x7b:
                if ((features & WasmFeatures.Simd) == 0)
                {
                    Throw.Malformed("malformed value type", at);
                }
                return ValType.V128;
            case 0x63:
            case 0x64:
                if ((features & (WasmFeatures.FunctionReferences | WasmFeatures.Gc)) == 0)
                {
                    Throw.Malformed("malformed reference type", at);
                }
                return ValType.Ref(ReadHeapType(ref r, features), b == 0x63);
            default:
                if (b >= 0x40 && HeapType.IsAbstractCode(b - 0x80))
                {
                    // Shorthands: 0x70 funcref, 0x6f externref, 0x6e anyref, ... (ref null <abstract>).
                    int code = b - 0x80;
                    CheckAbstract(code, features, at);
                    return ValType.Ref(new HeapType(code), true);
                }
                return Throw.Malformed<ValType>("malformed value type", at);
        }
    }

    public static HeapType ReadHeapType(ref WasmReader r, WasmFeatures features)
    {
        long at = r.Offset;
        long code = r.ReadS33();
        if (code >= 0)
        {
            if ((features & (WasmFeatures.FunctionReferences | WasmFeatures.Gc)) == 0)
            {
                Throw.Malformed("malformed reference type", at);
            }
            return HeapType.Index((int)Math.Min(code, int.MaxValue));
        }
        if (!HeapType.IsAbstractCode(code))
        {
            Throw.Malformed("malformed heap type", at);
        }
        CheckAbstract((int)code, features, at);
        return new HeapType((int)code);
    }

    private static void CheckAbstract(int code, WasmFeatures features, long at)
    {
        WasmFeatures need = code switch
        {
            HeapType.FuncCode or HeapType.ExternCode => WasmFeatures.ReferenceTypes,
            HeapType.ExnCode or HeapType.NoExnCode => WasmFeatures.ExceptionHandling,
            _ => WasmFeatures.Gc,
        };
        if ((features & need) == 0)
        {
            Throw.Malformed("malformed reference type", at);
        }
    }
}
