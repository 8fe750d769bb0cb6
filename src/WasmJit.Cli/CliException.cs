namespace WasmJit.Cli;

/// <summary>
/// A user-facing error (missing file, wrong argument, unsupported input): printed as one line, never with a stack
/// trace, and the command exits with <see cref="ExitCode"/>.
/// </summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Process exit codes of every <c>wasmjit</c> command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran, and its answer is "no": an invalid module, a failed spec test.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: wrong arguments, a missing file, a file that is not what the command takes.</summary>
    public const int Usage = 2;

    /// <summary>A WebAssembly program trapped (<c>wasmjit run</c>); 128 + SIGABRT, as an abort exits.</summary>
    public const int Trap = 134;

    /// <summary>A bug in wasmjit itself (an unexpected exception); reported on one line.</summary>
    public const int Internal = 70;
}
