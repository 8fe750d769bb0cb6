using System.CommandLine;

namespace WasmJit.Cli.Commands;

/// <summary>
/// <c>wasmjit validate FILE...</c>: decodes and validates each module
/// (https://webassembly.github.io/spec/core/valid/index.html). Exit 0 when all are valid; otherwise exit 1 with one
/// line per bad file, <c>FILE: error at 0x1a2b: message</c>.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Modules to validate (.wasm or .wat).",
            Arity = ArgumentArity.OneOrMore,
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print a line for each valid module." };
        var command = new Command("validate", "Check that modules are well-formed and valid.") { files, verbose };
        command.SetAction(parse => CommandAction.Guard(parse, (output, error) =>
        {
            var bad = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var problem = Check(file);
                if (problem is null)
                {
                    if (parse.GetValue(verbose))
                    {
                        output.WriteLine($"{file}: valid");
                    }
                }
                else
                {
                    bad++;
                    error.WriteLine($"{file}: {problem}");
                }
            }
            return bad == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    /// <summary>Null when the module is valid, else the one-line problem.</summary>
    public static string? Check(string file)
    {
        try
        {
            ModuleInput.LoadValidated(file);
            return null;
        }
        catch (WasmException e)
        {
            return ModuleInput.Describe(e);
        }
        catch (CliException e)
        {
            // The message starts with the file name already; keep the "FILE: error..." shape.
            var msg = e.Message.StartsWith(file + ": ", StringComparison.Ordinal) ? e.Message[(file.Length + 2)..] : e.Message;
            return $"error: {msg}";
        }
    }
}
