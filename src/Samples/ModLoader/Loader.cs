namespace WasmJit.Samples.ModLoader;

/// <summary>
/// Loads every mod (<c>*.wat</c>) of a folder, each into its own store with fuel, time and memory limits, and runs
/// its <c>run() -&gt; i32</c>. A misbehaving mod is stopped with its own exception; the host and the other mods go on.
/// </summary>
public sealed class Loader(StoreLimits limits, ExecutionStrategy strategy = ExecutionStrategy.Interpreter)
{
    /// <summary>50 million instructions, one second, 4 MiB of linear memory, 1,000 nested calls; growth past the cap traps.</summary>
    public static StoreLimits DefaultLimits { get; } = StoreLimits.Default
        .WithFuel(50_000_000)
        .WithTimeout(TimeSpan.FromSeconds(1))
        .WithMaxInstanceMemoryBytes(4 << 20)
        .WithMaxCallDepth(1_000)
        .WithTrapOnGrowFailure();

    private readonly Engine _engine = new(EngineConfig.Default.WithStrategy(strategy));

    public IReadOnlyList<ModResult> LoadAll(string folder) =>
        [.. Directory.GetFiles(folder, "*.wat").Order(StringComparer.Ordinal).Select(Run)];

    public ModResult Run(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        var log = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // One store per mod: its limits, its memory, disposed (memory unmapped) when it is done.
        using var store = new Store(_engine, limits);
        long startFuel = limits.Fuel ?? 0;
        long FuelUsed() => limits.Fuel is null ? 0 : startFuel - store.Fuel;
        try
        {
            var module = Module.FromText(_engine, File.ReadAllText(path), name);
            var linker = new Linker(_engine)
                .DefineFunction("env", "log", (Caller caller, int ptr, int len) => log.Add(caller.GetMemory()!.ReadString(ptr, len)));
            using var instance = linker.Instantiate(store, module);
            int result = instance.GetFunction<int>("run")();
            return new(name, "ok", result, FuelUsed(), clock.Elapsed, log, null);
        }
        catch (Exception e) when (Classify(e) is { } outcome)
        {
            return new(name, outcome, null, FuelUsed(), clock.Elapsed, log, e);
        }
    }

    /// <summary>Each limit has its own exception type; anything else the guest causes is a plain trap.</summary>
    private static string? Classify(Exception e) => e switch
    {
        WasmFuelExhaustedException => "out of fuel",
        WasmTimeoutException => "timeout",
        WasmInterruptedException => "interrupted",
        WasmResourceLimitException => "memory limit",
        WasmTrapException { Kind: TrapKind.CallStackExhausted } => "stack exhausted",
        WasmTrapException => "trap",
        WasmException or KeyNotFoundException or InvalidCastException => "invalid",
        _ => null,
    };
}
