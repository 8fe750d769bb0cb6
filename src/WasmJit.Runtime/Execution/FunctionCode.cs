namespace WasmJit.Runtime;

/// <summary>
/// The current code of a defined function: what its entry slot (<see cref="WasmFunction.Code"/>) points to.
/// Each tier subclasses it (interpreted IR, JIT-compiled delegate, a lazy stub that compiles on first call);
/// tier-up swaps the slot atomically, and callers pick up the new code on their next call.
/// </summary>
internal abstract class FunctionCode
{
    /// <summary>Runs <paramref name="function"/> with the cross-tier convention of <see cref="FunctionInstance.Call"/>.</summary>
    public abstract void Call(WasmFunction function, WasmStack stack, int baseSlot);
}
