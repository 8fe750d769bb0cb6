namespace WasmJit.Binary;

/// <summary>
/// Table section (id 4): https://webassembly.github.io/spec/core/binary/modules.html#table-section. A table is
/// either a table type, or 0x40 0x00, a table type and an initialiser expression (typed function references).
/// </summary>
internal sealed partial class ModuleDecoder
{
    private int ReadTableSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var tables = _module.Tables;
        tables.EnsureCapacity(tables.Count + Capacity(count, r, 3));
        for (int i = 0; i < count; i++)
        {
            if (r.PeekByte() == 0x40 && Enabled(WasmFeatures.FunctionReferences))
            {
                r.ReadByte();
                long at = r.Offset;
                if (r.ReadByte() != 0x00)
                {
                    Throw.Malformed("zero byte expected", at);
                }
                Use(WasmFeatures.FunctionReferences);
                var type = ReadTableType(ref r);
                var init = ReadConstExpr(ref r);
                tables.Add(new TableDef { Type = type, Init = init });
            }
            else
            {
                tables.Add(new TableDef { Type = ReadTableType(ref r) });
            }
        }
        return count;
    }
}
