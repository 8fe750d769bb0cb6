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

    /// <summary>Most elements a table may hold; table.grow past it returns -1 (the spec allows engine limits).</summary>
    public ulong MaxTableElements { get; init; } = 10_000_000;

    /// <summary>Fuel metering: the initial budget, or null for no metering (then tiers emit no charges at all).</summary>
    public long? Fuel { get; init; }

    /// <summary>Longest a single outermost call into the store may run before it is interrupted; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Most bytes of linear memory one instance may define (all its memories together).</summary>
    public long MaxInstanceMemoryBytes { get; init; } = long.MaxValue;

    /// <summary>Most bytes of linear memory in the whole store (every memory it created, host-made ones included).</summary>
    public long MaxStoreMemoryBytes { get; init; } = long.MaxValue;

    /// <summary>Most live (not disposed) instances in the store.</summary>
    public int MaxInstances { get; init; } = int.MaxValue;

    /// <summary>
    /// memory.grow and table.grow past a store limit throw <see cref="WasmResourceLimitException"/> (true) instead of
    /// returning -1 as the spec allows (false, the default). Limits declared by the module always give -1.
    /// </summary>
    public bool TrapOnGrowFailure { get; init; }
}
