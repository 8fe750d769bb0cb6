namespace WasmJit;

/// <summary>
/// A store's resource limit was exceeded: too many instances, or an instance's or the store's linear memory above
/// its cap (at instantiation, or at <c>memory.grow</c>/<c>table.grow</c> when the limits say growth failures trap
/// instead of returning -1). <see cref="Resource"/> says which.
/// </summary>
public sealed class WasmResourceLimitException : WasmTrapException
{
    internal WasmResourceLimitException(string resource, string detail)
        : base(TrapKind.ResourceLimitExceeded, detail)
    {
        Resource = resource;
    }

    /// <summary>"instances", "memory" or "table".</summary>
    public string Resource { get; }
}
