using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using WasmJit.Cli.Commands;

namespace WasmJit.Cli;

/// <summary>
/// The <c>wasmjit</c> command line: one subcommand per file under <c>Commands/</c>. <see cref="Run"/> takes the
/// output writers so tests invoke the commands in-process.
/// </summary>
internal static class WasmJitCli
{
    public static Command CreateRootCommand()
    {
        // A plain command named "wasmjit" rather than RootCommand, whose name is the executable's (WasmJit.Cli under
        // dotnet run): help then always says "wasmjit".
        var root = new Command("wasmjit", "wasmjit: a WebAssembly runtime for .NET")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(Wat2WasmCommand.Create());
        root.Subcommands.Add(Wasm2WatCommand.Create());
        root.Subcommands.Add(SpecCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = CreateRootCommand().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // One line per problem instead of the error plus the whole help text.
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"wasmjit: {CommandAction.OneLine(e.Message)}");
            }
            error.WriteLine("Run 'wasmjit --help' for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Our actions catch everything themselves; this is the last line of defence against a stack trace.
            EnableDefaultExceptionHandler = false,
        });
    }
}
