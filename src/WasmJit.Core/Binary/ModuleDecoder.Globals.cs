namespace WasmJit.Binary;

/// <summary>Global section (id 6): https://webassembly.github.io/spec/core/binary/modules.html#global-section</summary>
internal sealed partial class ModuleDecoder
{
    private int ReadGlobalSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var globals = _module.Globals;
        globals.EnsureCapacity(globals.Count + Capacity(count, r, 3));
        for (int i = 0; i < count; i++)
        {
            var type = ReadGlobalType(ref r);
            var init = ReadConstExpr(ref r);
            globals.Add(new GlobalDef { Type = type, Init = init });
        }
        return count;
    }
}
