namespace WasmJit;

/// <summary>
/// Configuration of an <see cref="Engine"/>: immutable, built with <c>With...</c> methods
/// (<c>EngineConfig.Default.WithStrategy(ExecutionStrategy.Jit)</c>).
/// </summary>
public sealed class EngineConfig
{
    private EngineConfig(ExecutionStrategy strategy, WasmFeatures features, int callThreshold, int loopThreshold, StoreLimits limits, bool lazyValidation = false)
    {
        Strategy = strategy;
        Features = features;
        TierUpCallThreshold = callThreshold;
        TierUpLoopThreshold = loopThreshold;
        DefaultLimits = limits;
        LazyValidation = lazyValidation;
    }

    /// <summary>
    /// Tiered (interpreter first, hot functions and loops compiled in the background; thresholds documented on
    /// <c>Runtime.StoreOptions</c>), <see cref="WasmFeatures.Default"/> (WebAssembly 3.0 and threads), default limits.
    /// </summary>
    public static EngineConfig Default { get; } = new(ExecutionStrategy.Tiered, WasmFeatures.Default,
        Runtime.StoreOptions.DefaultTierUpCalls, Runtime.StoreOptions.DefaultTierUpBackEdges, StoreLimits.Default);

    public ExecutionStrategy Strategy { get; }

    /// <summary>The proposals modules may use; a module using anything else is rejected when compiled.</summary>
    public WasmFeatures Features { get; }

    /// <summary>Tiered strategy: calls after which a function is compiled.</summary>
    public int TierUpCallThreshold { get; }

    /// <summary>Tiered strategy: loop back-edges after which a function is compiled.</summary>
    public int TierUpLoopThreshold { get; }

    /// <summary>Limits of stores created without their own.</summary>
    public StoreLimits DefaultLimits { get; }

    /// <summary>
    /// False (default): loading a module validates all of it, as the spec requires, so an invalid function anywhere
    /// rejects the module. True: loading checks everything but the function bodies, and each body is validated when
    /// it is first called (translated), which makes big modules start much faster (most of their code never runs);
    /// an invalid body is then reported by the call that reaches it, as a <see cref="WasmInvalidException"/> (or
    /// <see cref="WasmMalformedException"/>) with the message and offset eager validation would give, and a module
    /// whose invalid code never runs is accepted. <see cref="Module.Validate"/> always validates everything. The
    /// <see cref="ExecutionStrategy.Jit"/> strategy compiles whole modules, so it validates eagerly regardless.
    /// </summary>
    public bool LazyValidation { get; }

    public EngineConfig WithStrategy(ExecutionStrategy strategy) =>
        new(strategy, Features, TierUpCallThreshold, TierUpLoopThreshold, DefaultLimits, LazyValidation);

    public EngineConfig WithFeatures(WasmFeatures features) =>
        new(Strategy, features, TierUpCallThreshold, TierUpLoopThreshold, DefaultLimits, LazyValidation);

    /// <summary>See <see cref="LazyValidation"/>.</summary>
    public EngineConfig WithLazyValidation(bool lazy) =>
        new(Strategy, Features, TierUpCallThreshold, TierUpLoopThreshold, DefaultLimits, lazy);

    public EngineConfig WithTierUpThresholds(int calls, int loopBackEdges)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        ArgumentOutOfRangeException.ThrowIfNegative(loopBackEdges);
        return new(Strategy, Features, calls, loopBackEdges, DefaultLimits, LazyValidation);
    }

    public EngineConfig WithDefaultLimits(StoreLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new(Strategy, Features, TierUpCallThreshold, TierUpLoopThreshold, limits, LazyValidation);
    }
}
