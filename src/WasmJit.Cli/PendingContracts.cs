// TEMPORARY: stand-ins for the decoder and validator contracts until their branches reach main. They live in
// WasmJit.Cli so they shadow (never clash with) the real WasmJit.ModuleDecoder/ModuleLoader; delete this file then.
namespace WasmJit.Cli;

internal static class ModuleDecoder
{
    public static WasmModule Decode(ReadOnlyMemory<byte> bytes, WasmFeatures features)
    {
        _ = features;
        var s = bytes.Span;
        if (s.Length < 8 || s[0] != 0 || s[1] != 'a' || s[2] != 's' || s[3] != 'm')
        {
            throw new WasmMalformedException("magic header not detected", 0);
        }
        return new WasmModule(bytes);
    }
}

internal static class ModuleLoader
{
    public static WasmModule DecodeAndValidate(ReadOnlyMemory<byte> bytes, WasmFeatures features) => ModuleDecoder.Decode(bytes, features);
}
