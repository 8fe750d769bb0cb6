using WasmJit.Binary;
using WasmJit.Validation;

namespace WasmJit;

/// <summary>The one way engines and tools turn bytes into a module they may run: decode, then validate.</summary>
internal static class ModuleLoader
{
    /// <summary>
    /// Decodes and validates <paramref name="bytes"/>. Throws <see cref="WasmMalformedException"/> or
    /// <see cref="WasmInvalidException"/>; the returned module has <see cref="WasmModule.Context"/> set.
    /// </summary>
    public static WasmModule DecodeAndValidate(ReadOnlyMemory<byte> bytes, WasmFeatures features)
    {
        var module = ModuleDecoder.Decode(bytes, features);
        ModuleValidator.Validate(module, features);
        return module;
    }
}
