namespace WasmJit.Binary;

/// <summary>
/// Data section (id 11): https://webassembly.github.io/spec/core/binary/modules.html#data-section. Flags 0: active
/// in memory 0; 1: passive; 2: active with an explicit memory index. The bytes stay in the module.
/// </summary>
internal sealed partial class ModuleDecoder
{
    private int ReadDataSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var data = _module.Data;
        data.EnsureCapacity(data.Count + Capacity(count, r, 2));
        for (int i = 0; i < count; i++)
        {
            long at = r.Offset;
            uint flags = r.ReadU32();
            if (flags > 2 || (flags != 0 && !Enabled(WasmFeatures.BulkMemory)))
            {
                Throw.Malformed("malformed data segment kind", at);
            }
            if (flags != 0)
            {
                Use(WasmFeatures.BulkMemory);
            }
            int memory = flags == 2 ? ReadIndex(ref r) : 0;
            if (memory != 0)
            {
                Use(WasmFeatures.MultiMemory);
            }
            ConstExpr offset = flags == 1 ? default : ReadConstExpr(ref r);
            int length = ReadLength(ref r);
            int dataOffset = r.Position;
            r.Skip(length);
            data.Add(new DataSegment
            {
                Mode = flags == 1 ? SegmentMode.Passive : SegmentMode.Active,
                MemoryIndex = memory,
                Offset = offset,
                DataOffset = dataOffset,
                DataLength = length,
            });
        }
        return count;
    }
}
