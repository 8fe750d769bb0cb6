using WasmJit.Binary;
using WasmJit.Text;
using WasmJit.Text.Printer;

namespace WasmJit.Cli;

/// <summary>The text format as the CLI uses it: WAT to binary, and binary to WAT.</summary>
internal static class TextFrontEnd
{
    /// <summary>Parses WAT; errors are <see cref="WasmMalformedException"/> with "line:col: message".</summary>
    public static byte[] TextToBinary(byte[] utf8) => WatParser.ParseModule(utf8);

    /// <summary>Prints a module (decoded, not necessarily valid) in the text format.</summary>
    public static string BinaryToText(byte[] bytes) => WatPrinter.Print(ModuleDecoder.Decode(bytes, WasmFeatures.All));
}
