using System.Globalization;

namespace WasmJit.Text.Printer;

/// <summary>
/// Prints a decoded module in the WebAssembly text format (https://webassembly.github.io/spec/core/text/modules.html),
/// such that parsing the print and encoding it gives back the same binary for every canonically encoded module.
/// Instructions are flat, one per line; custom sections become <c>(@custom ...)</c> annotations. Function bodies are
/// decoded while printing, so a body that does not decode throws <see cref="WasmMalformedException"/>.
/// See RATIONALE.md for the choices that keep the round trip exact.
/// </summary>
internal static class WatPrinter
{
    public static string Print(WasmModule module)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        Print(module, sw);
        return sw.ToString();
    }

    public static void Print(WasmModule module, TextWriter w) => new ModulePrinter(module, w).Print();
}
