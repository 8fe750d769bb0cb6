namespace WasmJit.Runtime;

/// <summary>Configuration of a <see cref="Store"/>. Set before the store is created; not changed afterwards.</summary>
internal sealed record StoreOptions
{
    /// <summary>
    /// Default bound on nested wasm calls. The interpreter does not recurse on the C# stack per wasm call, so for it
    /// the bound only limits the value stack; the JIT tier recurses on the C# stack and additionally checks
    /// <see cref="System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack"/>. 10,000 frames
    /// is far beyond what the spec suite needs (its deepest legitimate recursion is under 1,000) and, at the JIT's
    /// frame sizes, within a 1 MiB thread stack.
    /// </summary>
    public const int DefaultMaxCallDepth = 10_000;

    /// <summary>
    /// Default call budget of the tiered engine. A DynamicMethod costs RyuJIT roughly 0.1-3 ms to compile (~2.5 ms on
    /// average for CPython's functions); a few thousand interpreted calls of a small function cost about as much, so a
    /// function compiled at 3,000 calls has already paid for its compilation in interpreter time, while the many
    /// functions called a few hundred times (start-up code, error paths) never cost one. Measured on
    /// <c>wasmjit run python.wasm -c pass</c> (CPython start-up, 11,448 functions; idle 2-core machine, median of 7):
    /// 1,000 calls / 10,000 back-edges 564 ms, 3,000 / 30,000 497 ms, 10,000 / 30,000 594 ms. Lower budgets queue
    /// hundreds of compiles that finish after the phase that wanted them; higher ones leave hot code interpreted.
    /// V8 and wasmtime's Winch-to-Cranelift tiering use budgets of the same order.
    /// </summary>
    public const int DefaultTierUpCalls = 3_000;

    /// <summary>
    /// Default back-edge budget: 30,000 loop iterations take the interpreter ~1-3 ms, about one compilation, and a
    /// loop that has run that long is likely to run much longer (a kernel's main loop), so it is worth an on-stack
    /// replacement; the kernels reach compiled code a millisecond or two later than at 10,000. Every further 30,000
    /// back-edges the interpreter asks again whether the compiled loop entry is ready, which keeps that check off
    /// the hot path. (A back-edge budget of 1,000 made CPython's start-up 20% slower: its many short loops queued
    /// loop entries ahead of the hot functions.)
    /// </summary>
    public const int DefaultTierUpBackEdges = 30_000;

    public EngineKind Engine { get; init; } = EngineKind.Interpreter;

    /// <summary>Tiered engine: interpreted calls of a function before it is compiled.</summary>
    public int TierUpCalls { get; init; } = DefaultTierUpCalls;

    /// <summary>Tiered engine: loop back-edges of a function before it is compiled and its running loop entered.</summary>
    public int TierUpBackEdges { get; init; } = DefaultTierUpBackEdges;

    /// <summary>
    /// Tiered engine: compile on a background thread while the interpreter keeps running (true), or on the thread
    /// that found the function hot (false: deterministic, for tests).
    /// </summary>
    public bool TierUpInBackground { get; init; } = true;

    /// <summary>Tiered engine: enter compiled code at the header of a hot loop of a running interpreted function.</summary>
    public bool LoopEntry { get; init; } = true;

    /// <summary>Called after each tier-up attempt (on the compiling thread). Also published by the "WasmJit" EventSource.</summary>
    public Action<TierUpEvent>? OnTierUp { get; init; }

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
