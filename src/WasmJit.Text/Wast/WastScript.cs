namespace WasmJit.Text;

/// <summary>A parsed .wast script: its commands in order.</summary>
internal sealed class WastScript(string? fileName, IReadOnlyList<WastCommand> commands)
{
    public string? FileName { get; } = fileName;

    public IReadOnlyList<WastCommand> Commands { get; } = commands;
}
