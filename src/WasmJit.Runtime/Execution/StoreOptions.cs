namespace WasmJit.Runtime;

/// <summary>Configuration of a <see cref="Store"/>. Set before the store is created; not changed afterwards.</summary>
internal sealed class StoreOptions
{
    /// <summary>
    /// Default bound on nested wasm calls. The interpreter does not recurse on the C# stack per wasm call, so for it
    /// the bound only limits the value stack; the JIT tier recurses on the C# stack and additionally checks
    /// <see cref="System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack"/>. 10,000 frames
    /// is far beyond what the spec suite needs (its deepest legitimate recursion is under 1,000) and, at the JIT's
    /// frame sizes, within a 1 MiB thread stack.
    /// </summary>
    public const int DefaultMaxCallDepth = 10_000;

    public EngineKind Engine { get; init; } = EngineKind.Interpreter;

    public WasmFeatures Features { get; init; } = WasmFeatures.Default;

    /// <summary>Nested wasm calls beyond this trap with "call stack exhausted".</summary>
    public int MaxCallDepth { get; init; } = DefaultMaxCallDepth;

    /// <summary>
    /// Address space reserved for a 64-bit memory without a declared maximum (and the cap on any reservation).
    /// memory.grow past it returns -1. 16 GiB by default.
    /// </summary>
    public ulong MaxMemory64Bytes { get; init; } = 16UL << 30;

    /// <summary>
    /// Interrupts blocking operations of code running in the store: a memory.atomic.wait32/64 parked when (or while)
    /// the token is cancelled traps with "interrupted" instead of sleeping on. Lets a host stop threads that wait
    /// forever (the spec runner's time limit, an embedder shutting down).
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Most elements a table may hold; table.grow past it returns -1 (the spec allows engine limits).</summary>
    public ulong MaxTableElements { get; init; } = 10_000_000;
}
