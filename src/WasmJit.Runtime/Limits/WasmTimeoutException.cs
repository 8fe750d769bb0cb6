namespace WasmJit;

/// <summary>A call into the store ran longer than its time limit (<c>StoreLimits.WithTimeout</c>) and was stopped.</summary>
public sealed class WasmTimeoutException : WasmInterruptedException
{
    internal WasmTimeoutException(TimeSpan timeout)
        : base($"time limit of {timeout.TotalMilliseconds:0.###} ms exceeded")
    {
        Timeout = timeout;
    }

    /// <summary>The limit that was exceeded.</summary>
    public TimeSpan Timeout { get; }
}
