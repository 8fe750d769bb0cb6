namespace WasmJit.Binary;

/// <summary>Placeholder until the decoder branch lands in main; delete when merging the real one.</summary>
internal static class ModuleDecoder
{
    public static WasmModule Decode(ReadOnlyMemory<byte> bytes, WasmFeatures features) =>
        throw new NotImplementedException("ModuleDecoder is on the decoder branch");
}
