namespace WasmJit.SpecRunner;

/// <summary>
/// Executes the commands of one parsed .wast script against a fresh store. Placeholder until the text format's
/// WastParser lands: reports the file as not runnable.
/// </summary>
internal sealed class WastScriptExecutor
{
    public static void Run(SpecFile file, string text, FileResult result, SpecRunOptions options, string? fileSkipReason, CancellationToken token)
    {
        _ = text;
        _ = options;
        token.ThrowIfCancellationRequested();
        if (fileSkipReason is not null)
        {
            result.SkipReason = fileSkipReason;
            result.Skip("file");
            return;
        }
        result.Freeze($"{file.SuitePath}: the .wast parser is not available yet");
    }
}
