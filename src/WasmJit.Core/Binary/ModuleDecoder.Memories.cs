namespace WasmJit.Binary;

/// <summary>Memory section (id 5): https://webassembly.github.io/spec/core/binary/modules.html#memory-section</summary>
internal sealed partial class ModuleDecoder
{
    private int ReadMemorySection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var memories = _module.Memories;
        memories.EnsureCapacity(memories.Count + Capacity(count, r, 2));
        for (int i = 0; i < count; i++)
        {
            memories.Add(ReadMemoryType(ref r));
        }
        return count;
    }
}
