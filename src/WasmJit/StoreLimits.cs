namespace WasmJit;

/// <summary>
/// Resource limits of a <see cref="Store"/> (the sandbox): immutable, built with <c>With...</c> methods. An engine
/// gives every store <see cref="EngineConfig.DefaultLimits"/>; a store may be created with its own. Every tier
/// enforces the same limits; each violation has its own exception, all <see cref="WasmTrapException"/>s carrying the
/// wasm backtrace, and none harms the host or the store's other instances:
/// <list type="table">
/// <item><term>fuel</term><description><see cref="WasmFuelExhaustedException"/> (deterministic: the same program
/// uses exactly the same fuel in every tier)</description></item>
/// <item><term>timeout, <see cref="Store.Interrupt"/>, cancellation</term><description><see cref="WasmTimeoutException"/>,
/// <see cref="WasmInterruptedException"/></description></item>
/// <item><term>memory, table, instances</term><description><see cref="WasmResourceLimitException"/> (growth past a limit
/// returns -1 unless <see cref="TrapOnGrowFailure"/>)</description></item>
/// <item><term>call depth</term><description><see cref="WasmTrapException"/> of kind <see cref="TrapKind.CallStackExhausted"/>,
/// as the spec requires</description></item>
/// </list>
/// </summary>
public sealed record StoreLimits
{
    private StoreLimits()
    {
    }

    /// <summary>10,000 nested calls; 10 million table elements; no fuel, time, memory or instance limit.</summary>
    public static StoreLimits Default { get; } = new();

    /// <summary>Nested wasm calls deeper than this trap with <see cref="TrapKind.CallStackExhausted"/>.</summary>
    public int MaxCallDepth { get; private init; } = Runtime.StoreOptions.DefaultMaxCallDepth;

    /// <summary>Most elements any table may hold; <c>table.grow</c> beyond it returns -1.</summary>
    public long MaxTableElements { get; private init; } = 10_000_000;

    /// <summary>Fuel the store starts with (metering on), or null (metering off: no cost at all).</summary>
    public long? Fuel { get; private init; }

    /// <summary>Longest each call from the host into the store may run (instantiation included), or null.</summary>
    public TimeSpan? Timeout { get; private init; }

    /// <summary>Most bytes of linear memory one instance may define (all its memories together).</summary>
    public long MaxInstanceMemoryBytes { get; private init; } = long.MaxValue;

    /// <summary>Most bytes of linear memory in the store (every memory of every instance, and host-made ones).</summary>
    public long MaxStoreMemoryBytes { get; private init; } = long.MaxValue;

    /// <summary>Most live instances in the store (disposed ones do not count).</summary>
    public int MaxInstances { get; private init; } = int.MaxValue;

    /// <summary>
    /// Growth (<c>memory.grow</c>, <c>table.grow</c>) past one of these limits throws
    /// <see cref="WasmResourceLimitException"/> instead of returning -1 (the spec's failure value, which a program may
    /// handle, e.g. malloc returning NULL). Limits the module declares itself always give -1.
    /// </summary>
    public bool TrapOnGrowFailure { get; private init; }

    public StoreLimits WithMaxCallDepth(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        return this with { MaxCallDepth = depth };
    }

    public StoreLimits WithMaxTableElements(long elements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elements);
        return this with { MaxTableElements = elements };
    }

    /// <summary>Meters fuel, starting with <paramref name="fuel"/> (one unit per executed wasm instruction); null turns metering off.</summary>
    public StoreLimits WithFuel(long? fuel)
    {
        if (fuel is long f)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(f, nameof(fuel));
        }
        return this with { Fuel = fuel };
    }

    /// <summary>Stops any single call into the store after <paramref name="timeout"/> (checked every loop iteration and call); null for none.</summary>
    public StoreLimits WithTimeout(TimeSpan? timeout)
    {
        if (timeout is TimeSpan t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(timeout));
        }
        return this with { Timeout = timeout };
    }

    public StoreLimits WithMaxInstanceMemoryBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return this with { MaxInstanceMemoryBytes = bytes };
    }

    public StoreLimits WithMaxStoreMemoryBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return this with { MaxStoreMemoryBytes = bytes };
    }

    public StoreLimits WithMaxInstances(int instances)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instances);
        return this with { MaxInstances = instances };
    }

    public StoreLimits WithTrapOnGrowFailure(bool trap = true) => this with { TrapOnGrowFailure = trap };
}
