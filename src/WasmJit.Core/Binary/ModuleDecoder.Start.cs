namespace WasmJit.Binary;

/// <summary>Start section (id 8): https://webassembly.github.io/spec/core/binary/modules.html#start-section</summary>
internal sealed partial class ModuleDecoder
{
    private int ReadStartSection(ref WasmReader r)
    {
        _module.StartFunction = ReadIndex(ref r);
        return 1;
    }
}
