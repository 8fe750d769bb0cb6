using System.Diagnostics;
using System.Net.Sockets;
using static WasmJit.Wasi.WasiConstants;

namespace WasmJit.Wasi;

internal sealed partial class WasiContext
{
    /// <summary>
    /// poll_oneoff: socket fd subscriptions wait for real readiness (<see cref="Socket.Select"/> over all of them,
    /// until the earliest clock); other fd subscriptions are always ready (regular files and the host's streams
    /// never block here); clock subscriptions sleep until the earliest deadline when no fd is ready. Every clock
    /// whose deadline has passed by then (all those due at the earliest one, or already expired ones next to ready
    /// fds) gets an event. Events are 32 bytes, subscriptions 48.
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
        List<(ulong Userdata, byte Tag, WasiFd Fd)>? sockets = null;
        long start = Stopwatch.GetTimestamp();
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
                        if (f.Kind == WasiFdKind.Socket && !f.Closed)
                        {
                            (sockets ??= []).Add((userdata, tag, f));
                            continue;
                        }
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
        if (sockets is not null)
        {
            // With an fd already ready nothing waits, else until the earliest clock (or a socket is ready).
            nevents = WaitForSockets(m, outPtr, nevents, sockets, nevents > 0 ? 0 : earliest, start);
        }
        // With an fd ready nothing waits: only clocks that have expired by now are due.
        ulong due = nevents > 0 ? ElapsedNs(start) : earliest;
        if (nevents == 0 && clocks.Count > 0 && earliest > ElapsedNs(start))
        {
            SleepAtLeast(earliest - ElapsedNs(start));
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

    private static ulong ElapsedNs(long start) =>
        (ulong)(Stopwatch.GetElapsedTime(start).Ticks * 100);

    /// <summary>
    /// Waits until one of <paramref name="sockets"/> is ready or <paramref name="limitNs"/> (from
    /// <paramref name="start"/>; <see cref="ulong.MaxValue"/>: forever) has passed, and writes an event for each
    /// ready one after the <paramref name="nevents"/> already written. A read event's <c>nbytes</c> is what a read
    /// gets at once; a connection readable with nothing queued has hung up (the peer finished or failed).
    /// </summary>
    private static uint WaitForSockets(IGuestMemory m, uint outPtr, uint nevents, List<(ulong Userdata, byte Tag, WasiFd Fd)> sockets,
        ulong limitNs, long start)
    {
        var read = new List<Socket>();
        var write = new List<Socket>();
        while (true)
        {
            read.Clear();
            write.Clear();
            for (int i = sockets.Count - 1; i >= 0; i--)
            {
                var (userdata, tag, f) = sockets[i];
                if (f.Closed)
                {
                    // Closed by another thread meanwhile: reported once (as EBADF), and nothing waits any more.
                    WriteEvent(m, outPtr + (nevents++ * 32), userdata, Errno.Badf, tag, 0);
                    sockets.RemoveAt(i);
                    limitNs = 0;
                    continue;
                }
                (tag == EventFdRead ? read : write).Add(f.Socket!);
            }
            if (read.Count + write.Count == 0)
            {
                return nevents;
            }
            ulong elapsed = ElapsedNs(start);
            int timeoutUs = limitNs == ulong.MaxValue ? -1
                : (int)Math.Min(limitNs > elapsed ? (limitNs - elapsed + 999) / 1000 : 0, int.MaxValue);
            try
            {
                Socket.Select(read.Count > 0 ? read : null, write.Count > 0 ? write : null, null, timeoutUs);
            }
            catch (ObjectDisposedException)
            {
                // Closed during the wait: the next round reports it.
                continue;
            }
            if (read.Count + write.Count > 0)
            {
                break;
            }
            if (limitNs != ulong.MaxValue && ElapsedNs(start) >= limitNs)
            {
                return nevents;
            }
        }
        foreach (var (userdata, tag, f) in sockets)
        {
            var s = f.Socket!;
            if (f.Closed || !(tag == EventFdRead ? read : write).Contains(s))
            {
                continue;
            }
            ulong nbytes = 0;
            ushort rwflags = 0;
            if (tag == EventFdRead && f.OwnsSocket)
            {
                try
                {
                    nbytes = (ulong)s.Available;
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
                rwflags = nbytes == 0 ? EventFdReadwriteHangup : (ushort)0;
            }
            uint p = outPtr + (nevents++ * 32);
            WriteEvent(m, p, userdata, Errno.Success, tag, nbytes);
            m.WriteU16(p + 24, rwflags);
        }
        return nevents;
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
