namespace WasmJit.Binary;

/// <summary>Data count section (id 12): https://webassembly.github.io/spec/core/binary/modules.html#data-count-section</summary>
internal sealed partial class ModuleDecoder
{
    private int ReadDataCountSection(ref WasmReader r)
    {
        uint count = r.ReadU32();
        _module.DataCount = count;
        Use(WasmFeatures.BulkMemory);
        return count > int.MaxValue ? int.MaxValue : (int)count;
    }
}
