namespace WasmJit.Binary;

/// <summary>Export section (id 7): https://webassembly.github.io/spec/core/binary/modules.html#export-section</summary>
internal sealed partial class ModuleDecoder
{
    private int ReadExportSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var exports = _module.Exports;
        exports.EnsureCapacity(exports.Count + Capacity(count, r, 3));
        for (int i = 0; i < count; i++)
        {
            string name = r.ReadName();
            long at = r.Offset;
            byte kind = r.ReadByte();
            if (kind > 4 || (kind == 4 && !Enabled(WasmFeatures.ExceptionHandling)))
            {
                Throw.Malformed("malformed export kind", at);
            }
            if (kind == 4)
            {
                Use(WasmFeatures.ExceptionHandling);
            }
            exports.Add(new Export(name, (ExternKind)kind, ReadIndex(ref r)));
        }
        return count;
    }
}
