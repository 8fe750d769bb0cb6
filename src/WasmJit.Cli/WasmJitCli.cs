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
    private static readonly (string Name, Func<Command> Create)[] s_commands =
    [
        ("validate", ValidateCommand.Create),
        ("inspect", InspectCommand.Create),
        ("wat2wasm", Wat2WasmCommand.Create),
        ("wasm2wat", Wasm2WatCommand.Create),
        ("spec", SpecCommand.Create),
        ("run", RunCommand.Create),
        ("bench", BenchCommand.Create),
    ];

    /// <summary>
    /// The whole command tree, or with <paramref name="only"/> just that subcommand under the root: building every
    /// command's options and validators costs ~10 ms of a `wasmjit run`'s start-up, which matters next to a 100 ms
    /// time to first instruction. Root help, version and "unknown command" errors get the whole tree.
    /// </summary>
    public static Command CreateRootCommand(string? only = null)
    {
        // A plain command named "wasmjit" rather than RootCommand, whose name is the executable's (WasmJit.Cli under
        // dotnet run): help then always says "wasmjit".
        var root = new Command("wasmjit", "wasmjit: a WebAssembly runtime for .NET")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var (name, create) in s_commands)
        {
            if (only is null || only == name)
            {
                root.Subcommands.Add(create());
            }
        }
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? only = args.Length > 0 && Array.Exists(s_commands, c => c.Name == args[0]) ? args[0] : null;
        var parse = CreateRootCommand(only).Parse(args);
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
