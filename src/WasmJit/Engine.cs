namespace WasmJit;

/// <summary>
/// The compilation environment shared by modules and stores: which features modules may use, how code runs, and
/// the default limits. Thread-safe and cheap; one per application is typical (like wasmtime's <c>Engine</c>).
/// </summary>
public sealed class Engine
{
    public Engine()
        : this(EngineConfig.Default)
    {
    }

    public Engine(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Runtime.ExecutionEngine.WarmUp(Kind);
    }

    public EngineConfig Config { get; }

    public ExecutionStrategy Strategy => Config.Strategy;

    public WasmFeatures Features => Config.Features;

    private Runtime.EngineKind Kind => Config.Strategy switch
    {
        ExecutionStrategy.Jit => Runtime.EngineKind.Jit,
        ExecutionStrategy.Tiered => Runtime.EngineKind.Tiered,
        _ => Runtime.EngineKind.Interpreter,
    };

    /// <summary>
    /// Tier-ups of this engine's stores only (the "WasmJit" EventSource reports every store of the process): for
    /// in-process tools such as <c>wasmjit bench</c>. Called on the compiling thread; must be thread-safe.
    /// </summary>
    internal Action<Runtime.TierUpEvent>? OnTierUp { get; set; }

    internal Runtime.StoreOptions CreateStoreOptions(StoreLimits limits) => new()
    {
        OnTierUp = OnTierUp,
        Engine = Kind,
        Features = Config.Features,
        TierUpCalls = Config.TierUpCallThreshold,
        TierUpBackEdges = Config.TierUpLoopThreshold,
        MaxCallDepth = limits.MaxCallDepth,
        MaxTableElements = (ulong)limits.MaxTableElements,
        Fuel = limits.Fuel,
        Timeout = limits.Timeout,
        MaxInstanceMemoryBytes = limits.MaxInstanceMemoryBytes,
        MaxStoreMemoryBytes = limits.MaxStoreMemoryBytes,
        MaxInstances = limits.MaxInstances,
        TrapOnGrowFailure = limits.TrapOnGrowFailure,
    };
}
