namespace WasmJit.PublicApi.Tests.Sandbox;

/// <summary>The execution strategies this build can run (an engine whose assembly registers none is skipped).</summary>
public static class Engines
{
    private static readonly ExecutionStrategy[] s_available = [.. Enum.GetValues<ExecutionStrategy>().Where(IsAvailable)];

    public static TheoryData<ExecutionStrategy> Available => [.. s_available];

    public static IReadOnlyList<ExecutionStrategy> All => s_available;

    /// <summary>An engine of that strategy; tiered with thresholds of 1 so functions change tier almost at once.</summary>
    public static Engine Create(ExecutionStrategy strategy) =>
        new(EngineConfig.Default.WithStrategy(strategy).WithTierUpThresholds(1, 1));

    private static bool IsAvailable(ExecutionStrategy strategy)
    {
        try
        {
            using var store = new Store(Create(strategy));
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
