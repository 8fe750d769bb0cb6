namespace WasmJit.Runtime;

/// <summary>
/// A function's typed native entry, for callers in compiled code (the JIT tier's calling convention:
/// <c>R0 f(P0 .. Pn-1, ref R1 .. ref Rm-1, object target)</c>, see src/WasmJit.Jit/RATIONALE.md). The runtime only
/// stores it: <see cref="FunctionInstance.CompiledEntry"/> holds one, replaced as a whole (one reference write) when
/// the function changes tier, so a caller always reads a matching address and target.
/// </summary>
internal sealed class TypedEntry(nint address, object target, object? keepAlive = null)
{
    /// <summary>Address of code with the typed signature; valid while <see cref="KeepAlive"/> is reachable.</summary>
    public readonly nint Address = address;

    /// <summary>The last argument the code expects (for compiled wasm its instance's context; for a bridge the function).</summary>
    public readonly object Target = target;

    /// <summary>Whatever owns the code at <see cref="Address"/> (dynamic methods are collected when unreachable).</summary>
    public readonly object? KeepAlive = keepAlive;
}
