namespace WasmJit;

/// <summary>
/// Running WebAssembly was stopped from outside: <c>Store.Interrupt()</c> or the store's cancellation token
/// (<see cref="Cancelled"/>), or its time limit (the subclass <see cref="WasmTimeoutException"/>). Code checks for
/// this at every loop back edge and function entry (and blocking waits are woken), so it stops within milliseconds.
/// The store stays usable for later calls.
/// </summary>
public class WasmInterruptedException : WasmTrapException
{
    internal WasmInterruptedException(string detail, bool cancelled = false)
        : base(TrapKind.Interrupted, detail)
    {
        Cancelled = cancelled;
    }

    /// <summary>True when the store's cancellation token was cancelled (rather than <c>Store.Interrupt()</c> or a timeout).</summary>
    public bool Cancelled { get; }
}
