using WasmJit.Binary;
using WasmJit.Validation;

namespace WasmJit;

/// <summary>The one way engines and tools turn bytes into a module they may run: decode, then validate.</summary>
internal static class ModuleLoader
{
    /// <summary>
    /// Decodes and validates <paramref name="bytes"/>. Throws <see cref="WasmMalformedException"/> or
    /// <see cref="WasmInvalidException"/>; the returned module has <see cref="WasmModule.Context"/> set. With
    /// <paramref name="lazyBodies"/>, function bodies are validated when engines first use them
    /// (<see cref="ModuleContext.EnsureBodyValid"/>), so a body error surfaces then instead of here.
    /// </summary>
    public static WasmModule DecodeAndValidate(ReadOnlyMemory<byte> bytes, WasmFeatures features, bool lazyBodies = false)
    {
        var module = ModuleDecoder.Decode(bytes, features);
        ModuleValidator.Validate(module, features, lazyBodies);
        return module;
    }
}
