using System.CommandLine;

namespace WasmJit.Cli;

/// <summary>
/// Runs a command body and turns every failure into one line on stderr and an exit code: bad input is
/// <see cref="ExitCodes.Usage"/>, WebAssembly errors are <see cref="ExitCodes.Failed"/>, anything else is a bug
/// reported as <see cref="ExitCodes.Internal"/>.
/// </summary>
internal static class CommandAction
{
    public static int Guard(ParseResult parse, Func<TextWriter, TextWriter, int> body)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return body(output, error);
        }
        catch (CliException e)
        {
            error.WriteLine($"wasmjit: {e.Message}");
            return e.ExitCode;
        }
        catch (WasmException e)
        {
            error.WriteLine($"wasmjit: {OneLine(e.Message)}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"wasmjit: {OneLine(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            error.WriteLine($"wasmjit: internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            return ExitCodes.Internal;
        }
    }

    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
