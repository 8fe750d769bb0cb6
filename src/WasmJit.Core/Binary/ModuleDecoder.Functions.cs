namespace WasmJit.Binary;

/// <summary>Function section (id 3): https://webassembly.github.io/spec/core/binary/modules.html#function-section</summary>
internal sealed partial class ModuleDecoder
{
    private int ReadFunctionSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var indices = _module.FunctionTypeIndices;
        indices.EnsureCapacity(indices.Count + Capacity(count, r, 1));
        for (int i = 0; i < count; i++)
        {
            indices.Add(ReadIndex(ref r));
        }
        _functionSectionCount = count;
        return count;
    }
}
