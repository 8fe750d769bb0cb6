namespace WasmJit.Embedding;

/// <summary>
/// Marks an exception that a host function throws to end the program rather than to report a failure (WASI's
/// <c>proc_exit</c>): it unwinds through the wasm frames and out of the API exactly as thrown, never wrapped as a trap.
/// </summary>
internal interface IHostPassThroughException;

/// <summary>
/// What a .NET exception thrown by a host function becomes: a <see cref="WasmTrapException"/> of kind
/// <see cref="TrapKind.HostError"/> whose <see cref="Exception.InnerException"/> is the original, so it unwinds the
/// wasm frames like any trap (each engine appends them to <see cref="WasmTrapException.WasmBacktrace"/>) and the
/// instance stays usable. Traps (including one from a nested call back into wasm) and pass-through exceptions are
/// rethrown unchanged, so a host -> wasm -> host chain reports the innermost cause once.
/// </summary>
internal static class HostErrors
{
    public static bool ShouldWrap(Exception e) => e is not WasmTrapException and not IHostPassThroughException;

    public static WasmTrapException Wrap(Exception e, string? function) =>
        new(TrapKind.HostError, $"{function ?? "host function"}: {e.GetType().Name}: {e.Message}", e);
}
