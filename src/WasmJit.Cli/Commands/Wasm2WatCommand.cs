using System.CommandLine;

namespace WasmJit.Cli.Commands;

/// <summary>
/// <c>wasmjit wasm2wat IN.wasm [-o OUT.wat]</c>: prints a binary module in the text format; to stdout without
/// <c>-o</c>.
/// </summary>
internal static class Wasm2WatCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The binary module (.wasm; .wat is accepted too)." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the text (default: stdout).", HelpName = "OUT" };
        var command = new Command("wasm2wat", "Translate a module from binary to text format.") { input, output };
        command.SetAction(parse => CommandAction.Guard(parse, (stdout, _) =>
        {
            var bytes = ModuleInput.Load(parse.GetValue(input)!);
            var text = TextFrontEnd.BinaryToText(bytes);
            if (parse.GetValue(output) is { } outPath)
            {
                File.WriteAllText(outPath, text);
            }
            else
            {
                stdout.Write(text);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
