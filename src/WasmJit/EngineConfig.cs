namespace WasmJit;

/// <summary>
/// Configuration of an <see cref="Engine"/>: immutable, built with <c>With...</c> methods
/// (<c>EngineConfig.Default.WithStrategy(ExecutionStrategy.Jit)</c>).
/// </summary>
public sealed class EngineConfig
{
    private EngineConfig(ExecutionStrategy strategy, WasmFeatures features, int callThreshold, int loopThreshold, StoreLimits limits)
    {
        Strategy = strategy;
        Features = features;
        TierUpCallThreshold = callThreshold;
        TierUpLoopThreshold = loopThreshold;
        DefaultLimits = limits;
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

    public EngineConfig WithStrategy(ExecutionStrategy strategy) =>
        new(strategy, Features, TierUpCallThreshold, TierUpLoopThreshold, DefaultLimits);

    public EngineConfig WithFeatures(WasmFeatures features) =>
        new(Strategy, features, TierUpCallThreshold, TierUpLoopThreshold, DefaultLimits);

    public EngineConfig WithTierUpThresholds(int calls, int loopBackEdges)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        ArgumentOutOfRangeException.ThrowIfNegative(loopBackEdges);
        return new(Strategy, Features, calls, loopBackEdges, DefaultLimits);
    }

    public EngineConfig WithDefaultLimits(StoreLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new(Strategy, Features, TierUpCallThreshold, TierUpLoopThreshold, limits);
    }
}
