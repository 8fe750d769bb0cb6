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
        WasiConstants.ClockThreadCpu => ThreadCpuNs(),
        _ => throw new WasiErrnoException(Errno.Inval),
    };

    /// <summary>The calling thread's CPU time (not the process's, which counts the JIT's and the GC's threads too).</summary>
    private static unsafe ulong ThreadCpuNs()
    {
        long* ts = stackalloc long[2];
        if (Posix.Supported && Posix.ClockGetTime(Posix.CLOCK_THREAD_CPUTIME_ID, ts) == 0)
        {
            return (ulong)((ts[0] * 1_000_000_000) + ts[1]);
        }
        return (ulong)(Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100);
    }
}
