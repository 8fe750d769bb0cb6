namespace WasmJit;

/// <summary>
/// Resource limits of a <see cref="Store"/> (the sandbox): immutable, built with <c>With...</c> methods. An engine
/// gives every store <see cref="EngineConfig.DefaultLimits"/>; a store may be created with its own.
/// <para>
/// This is the place for every limit a store enforces. Fuel, wall-clock timeout, cancellation and a cap on linear
/// memory are not implemented yet; they will be added here (and refused with a clear error until they work).
/// </para>
/// </summary>
public sealed class StoreLimits
{
    private StoreLimits(int maxCallDepth, long maxTableElements)
    {
        MaxCallDepth = maxCallDepth;
        MaxTableElements = maxTableElements;
    }

    /// <summary>10,000 nested calls; 10 million table elements.</summary>
    public static StoreLimits Default { get; } = new(Runtime.StoreOptions.DefaultMaxCallDepth, 10_000_000);

    /// <summary>Nested wasm calls deeper than this trap with <see cref="TrapKind.CallStackExhausted"/>.</summary>
    public int MaxCallDepth { get; }

    /// <summary>Most elements any table may hold; <c>table.grow</c> beyond it returns -1.</summary>
    public long MaxTableElements { get; }

    public StoreLimits WithMaxCallDepth(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        return new(depth, MaxTableElements);
    }

    public StoreLimits WithMaxTableElements(long elements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elements);
        return new(MaxCallDepth, elements);
    }
}
