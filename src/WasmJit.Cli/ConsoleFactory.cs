using Spectre.Console;

namespace WasmJit.Cli;

/// <summary>A Spectre console over the command's output writer (so tests capture tables in-process).</summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole For(TextWriter writer)
    {
        var isConsole = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isConsole ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
