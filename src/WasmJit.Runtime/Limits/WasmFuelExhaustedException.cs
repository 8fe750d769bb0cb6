namespace WasmJit;

/// <summary>
/// The store ran out of fuel (its budget of executed WebAssembly instructions, see <c>StoreLimits.WithFuel</c>).
/// The store stays usable: add fuel (<c>Store.AddFuel</c>) and call again.
/// </summary>
public sealed class WasmFuelExhaustedException : WasmTrapException
{
    internal WasmFuelExhaustedException(long remaining, long needed)
        : base(TrapKind.OutOfFuel, $"{remaining} fuel left, the next straight-line segment needs {needed}")
    {
        Remaining = remaining;
        Needed = needed;
    }

    /// <summary>Fuel left when execution stopped (less than <see cref="Needed"/>).</summary>
    public long Remaining { get; }

    /// <summary>Cost of the segment that could not be entered.</summary>
    public long Needed { get; }
}
