using static WasmJit.Wasi.WasiConstants;

namespace WasmJit.Wasi;

internal sealed partial class WasiContext
{
    /// <summary>
    /// poll_oneoff: fd subscriptions are always ready (regular files and the host's streams never block here);
    /// clock subscriptions sleep until the earliest deadline when no fd is ready. Every clock whose deadline has
    /// passed by then (all those due at the earliest one, or already expired ones next to ready fds) gets an event.
    /// Events are 32 bytes, subscriptions 48.
    /// </summary>
    public Errno PollOneoff(IGuestMemory m, uint inPtr, uint outPtr, uint nsubscriptions, uint neventsPtr)
    {
        if (nsubscriptions == 0)
        {
            return Errno.Inval;
        }
        uint nevents = 0;
        ulong earliest = ulong.MaxValue;
        var clocks = new List<(ulong Userdata, ulong Wait)>();
        for (uint i = 0; i < nsubscriptions; i++)
        {
            uint s = inPtr + (i * 48);
            ulong userdata = m.ReadU64(s);
            byte tag = m.Slice(s + 8, 1)[0];
            switch (tag)
            {
                case EventClock:
                {
                    uint clockId = m.ReadU32(s + 16);
                    ulong timeout = m.ReadU64(s + 24);
                    ushort flags = (ushort)m.ReadU32(s + 40);
                    ulong now;
                    try
                    {
                        now = Now(clockId);
                    }
                    catch (WasiErrnoException e)
                    {
                        WriteEvent(m, outPtr + (nevents++ * 32), userdata, e.Errno, EventClock, 0);
                        continue;
                    }
                    ulong wait = (flags & SubclockAbstime) != 0 ? (timeout > now ? timeout - now : 0) : timeout;
                    clocks.Add((userdata, wait));
                    earliest = Math.Min(earliest, wait);
                    break;
                }
                case EventFdRead:
                case EventFdWrite:
                {
                    int fd = (int)m.ReadU32(s + 16);
                    Errno err = Errno.Success;
                    ulong nbytes = 0;
                    try
                    {
                        var f = Fd(fd, RightPollFdReadwrite);
                        if (f.Kind == WasiFdKind.File && tag == EventFdRead &&
                            Posix.FStat(f.HostFd, out var st) == Errno.Success)
                        {
                            long pos = Posix.LSeek(f.HostFd, 0, WhenceCur);
                            nbytes = (ulong)Math.Max(0, st.Size - pos);
                        }
                    }
                    catch (WasiErrnoException e)
                    {
                        err = e.Errno;
                    }
                    WriteEvent(m, outPtr + (nevents++ * 32), userdata, err, tag, nbytes);
                    break;
                }
                default:
                    return Errno.Inval;
            }
        }
        // With an fd ready nothing waits: only clocks that have already expired are due.
        ulong due = nevents == 0 ? earliest : 0;
        if (nevents == 0 && due > 0 && clocks.Count > 0)
        {
            SleepAtLeast(due);
        }
        foreach (var (userdata, wait) in clocks)
        {
            if (wait <= due)
            {
                WriteEvent(m, outPtr + (nevents++ * 32), userdata, Errno.Success, EventClock, 0);
            }
        }
        m.WriteU32(neventsPtr, nevents);
        return Errno.Success;
    }

    /// <summary>
    /// Sleeps until at least <paramref name="ns"/> nanoseconds have passed on the monotonic clock: Thread.Sleep
    /// can wake a little early, and a guest that measures its sleep must never see it shorter than it asked for.
    /// </summary>
    private static void SleepAtLeast(ulong ns)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        double ticksPerNs = System.Diagnostics.Stopwatch.Frequency / 1e9;
        long deadline = start + (long)Math.Min(ns * ticksPerNs, long.MaxValue / 2.0);
        while (true)
        {
            long left = deadline - System.Diagnostics.Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return;
            }
            Thread.Sleep((int)Math.Min(Math.Ceiling(left / ticksPerNs / 1e6), int.MaxValue - 1));
        }
    }

    private static void WriteEvent(IGuestMemory m, uint p, ulong userdata, Errno error, byte type, ulong nbytes)
    {
        m.Slice(p, 32).Clear();
        m.WriteU64(p, userdata);
        m.WriteU16(p + 8, (ushort)error);
        m.WriteU8(p + 10, type);
        m.WriteU64(p + 16, nbytes);
    }
}
