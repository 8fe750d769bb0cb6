using System.CommandLine;

namespace WasmJit.Cli.Commands;

/// <summary>
/// <c>wasmjit wat2wasm IN.wat [-o OUT.wasm]</c>: compiles the text format to a binary module
/// (https://webassembly.github.io/spec/core/text/index.html), validated unless <c>--no-check</c>.
/// Without <c>-o</c> the output is IN with the extension <c>.wasm</c>.
/// </summary>
internal static class Wat2WasmCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The module in text format (.wat)." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the binary (default: IN.wasm).", HelpName = "OUT" };
        var noCheck = new Option<bool>("--no-check") { Description = "Do not validate the result." };
        var command = new Command("wat2wasm", "Translate a module from text format to binary.") { input, output, noCheck };
        command.SetAction(parse => CommandAction.Guard(parse, (_, _) =>
        {
            var inPath = parse.GetValue(input)!;
            var content = ModuleInput.ReadFile(inPath);
            if (!ModuleInput.IsText(inPath, content))
            {
                throw new CliException($"{inPath}: already a binary module");
            }
            var bytes = ModuleInput.Load(inPath);
            if (!parse.GetValue(noCheck))
            {
                ModuleLoader.DecodeAndValidate(bytes, WasmFeatures.Default);
            }
            var outPath = parse.GetValue(output) ?? Path.ChangeExtension(inPath, ".wasm");
            File.WriteAllBytes(outPath, bytes);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
