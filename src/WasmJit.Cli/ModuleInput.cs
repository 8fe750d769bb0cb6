using WasmJit.Binary;

namespace WasmJit.Cli;

/// <summary>
/// Reads a module given on the command line: <c>.wasm</c> as bytes, <c>.wat</c> through the text format's parser.
/// A <c>.wast</c> script is not a module and is refused with a hint. Every failure is a <see cref="CliException"/>
/// or a <see cref="WasmException"/> carrying one clear line.
/// </summary>
internal static class ModuleInput
{
    /// <summary>Is the file WebAssembly text (by extension, else by sniffing for the binary magic)?</summary>
    public static bool IsText(string path, ReadOnlySpan<byte> content)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".wat")
        {
            return true;
        }
        if (ext == ".wasm")
        {
            return false;
        }
        return !(content.Length >= 4 && content[0] == 0 && content[1] == (byte)'a' && content[2] == (byte)'s' && content[3] == (byte)'m');
    }

    /// <summary>The raw file content; missing or unreadable files and .wast scripts are CLI errors.</summary>
    public static byte[] ReadFile(string path)
    {
        if (path.EndsWith(".wast", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{path}: a .wast script is not a module (run it with 'wasmjit spec {path}')");
        }
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a folder, not a module");
        }
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot read: {CommandAction.OneLine(e.Message)}");
        }
    }

    /// <summary>The module's binary encoding: the file itself for .wasm, the compiled text for .wat.</summary>
    public static byte[] Load(string path)
    {
        var content = ReadFile(path);
        if (!IsText(path, content))
        {
            return content;
        }
        return TextFrontEnd.TextToBinary(content);
    }

    /// <summary>Loads, decodes and validates.</summary>
    public static WasmModule LoadValidated(string path, WasmFeatures features = WasmFeatures.Default) =>
        ModuleLoader.DecodeAndValidate(Load(path), features);

    /// <summary>One line describing a module error: <c>error at 0x1a2b: message</c>, or <c>error: 3:5: message</c> for text.</summary>
    public static string Describe(WasmException e) => e switch
    {
        WasmMalformedException { Offset: >= 0 } m => $"error at 0x{m.Offset:x}: {m.Reason}",
        WasmInvalidException { Offset: >= 0 } i => $"error at 0x{i.Offset:x}: {i.Reason}",
        WasmMalformedException m => $"error: {m.Reason}",
        WasmInvalidException i => $"error: {i.Reason}",
        _ => $"error: {e.Message}",
    };
}
