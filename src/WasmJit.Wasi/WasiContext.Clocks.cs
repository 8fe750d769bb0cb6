using System.Diagnostics;

namespace WasmJit.Wasi;

internal sealed partial class WasiContext
{
    public Errno ClockResGet(IGuestMemory m, uint clockId, uint resPtr)
    {
        ulong res = clockId switch
        {
            WasiConstants.ClockRealtime => 1_000,
            WasiConstants.ClockMonotonic => Math.Max(1, 1_000_000_000UL / (ulong)Stopwatch.Frequency),
            WasiConstants.ClockProcessCpu or WasiConstants.ClockThreadCpu => 1_000,
            _ => throw new WasiErrnoException(Errno.Inval),
        };
        m.WriteU64(resPtr, res);
        return Errno.Success;
    }

    public Errno ClockTimeGet(IGuestMemory m, uint clockId, ulong precision, uint timePtr)
    {
        _ = precision;
        m.WriteU64(timePtr, Now(clockId));
        return Errno.Success;
    }

    private ulong Now(uint clockId) => clockId switch
    {
        WasiConstants.ClockRealtime => (ulong)((DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100),
        WasiConstants.ClockMonotonic => (ulong)(_monotonicBaseNs + (long)(_monotonic.ElapsedTicks * (1e9 / Stopwatch.Frequency))),
        WasiConstants.ClockProcessCpu => (ulong)(Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100),
        WasiConstants.ClockThreadCpu => (ulong)(Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100),
        _ => throw new WasiErrnoException(Errno.Inval),
    };
}
