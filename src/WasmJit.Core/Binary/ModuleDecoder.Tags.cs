namespace WasmJit.Binary;

/// <summary>
/// Tag section (id 13, between the memory and global sections):
/// https://webassembly.github.io/spec/core/binary/modules.html#tag-section
/// </summary>
internal sealed partial class ModuleDecoder
{
    private int ReadTagSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var tags = _module.Tags;
        tags.EnsureCapacity(tags.Count + Capacity(count, r, 2));
        for (int i = 0; i < count; i++)
        {
            tags.Add(ReadTagType(ref r));
        }
        return count;
    }

    /// <summary>A tag type: the attribute byte 0x00 (exception) and a function type index.</summary>
    private int ReadTagType(ref WasmReader r)
    {
        long at = r.Offset;
        if (r.ReadByte() != 0x00)
        {
            Throw.Malformed("zero byte expected", at);
        }
        Use(WasmFeatures.ExceptionHandling);
        return ReadIndex(ref r);
    }
}
