using System.Diagnostics;

namespace WasmJit.Runtime.Threading;

/// <summary>
/// The waiter queues of one shared memory: memory.atomic.wait32/wait64 and memory.atomic.notify
/// (https://webassembly.github.io/threads/core/exec/instructions.html#exec-memory-atomic-wait, and the
/// proposal's Overview.md "Wait and Notify operators"). The memory instance owns one; engines call it through
/// <see cref="AtomicOps.MemoryAtomicWait32"/> and friends, which add the alignment and sharing checks.
/// <para>
/// One FIFO queue per address, kept as an intrusive circular list whose head lives in a dictionary; addresses are
/// striped over <see cref="BucketCount"/> locks so unrelated addresses do not contend. A waiter compares the value
/// and enqueues itself while holding its bucket's lock, and a notifier dequeues under the same lock, so a store
/// followed by a notify can never slip between a waiter's compare and its enqueue (no lost wake-up).
/// </para>
/// <para>
/// Parking is real blocking (a per-thread <see cref="ManualResetEventSlim"/> with no spinning), reused across waits
/// so a wait allocates nothing after the thread's first. A notifier sets the event while still holding the bucket
/// lock, so once a waiter has seen itself dequeued (under that lock) no stale signal can reach its next wait.
/// Timeouts are measured with <see cref="Stopwatch"/> and slept in whole milliseconds rounded up, so a wait never
/// returns "timed-out" early and overshoots by at most the scheduler's granularity. A
/// <see cref="CancellationToken"/> interrupts a parked waiter: it leaves the queue and traps
/// <see cref="TrapKind.Interrupted"/>.
/// </para>
/// </summary>
internal sealed unsafe class WaitQueues
{
    /// <summary>wait result: woken by a notify.</summary>
    public const int Ok = 0;

    /// <summary>wait result: the loaded value differed from the expected one.</summary>
    public const int NotEqual = 1;

    /// <summary>wait result: the timeout elapsed.</summary>
    public const int TimedOut = 2;

    private const int BucketCount = 64;

    private readonly Bucket[] _buckets = new Bucket[BucketCount];

    [ThreadStatic]
    private static Waiter? t_waiter;

    public WaitQueues()
    {
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new Bucket();
        }
    }

    /// <summary>
    /// memory.atomic.wait32 at <paramref name="address"/> (whose host pointer <paramref name="p"/> is bounds-checked
    /// and 4-aligned): 0 woken, 1 not equal, 2 timed out. <paramref name="timeoutNs"/> &lt; 0 waits forever.
    /// </summary>
    public int Wait32(byte* p, ulong address, int expected, long timeoutNs, CancellationToken cancellation = default)
    {
        ThrowIfCancelled(cancellation);
        Bucket bucket = BucketFor(address);
        Waiter waiter;
        lock (bucket)
        {
            if (Volatile.Read(ref *(int*)p) != expected)
            {
                return NotEqual;
            }
            if (timeoutNs == 0)
            {
                return TimedOut;
            }
            waiter = Enqueue(bucket, address);
        }
        return Park(bucket, address, waiter, timeoutNs, cancellation);
    }

    /// <summary>memory.atomic.wait64; as <see cref="Wait32"/> with an 8-aligned 64-bit location.</summary>
    public int Wait64(byte* p, ulong address, long expected, long timeoutNs, CancellationToken cancellation = default)
    {
        ThrowIfCancelled(cancellation);
        Bucket bucket = BucketFor(address);
        Waiter waiter;
        lock (bucket)
        {
            if (Volatile.Read(ref *(long*)p) != expected)
            {
                return NotEqual;
            }
            if (timeoutNs == 0)
            {
                return TimedOut;
            }
            waiter = Enqueue(bucket, address);
        }
        return Park(bucket, address, waiter, timeoutNs, cancellation);
    }

    /// <summary>
    /// memory.atomic.notify: wakes up to <paramref name="count"/> (read as unsigned, as the spec's u32) waiters of
    /// <paramref name="address"/> in the order they started waiting; returns how many were woken.
    /// </summary>
    public int Notify(ulong address, int count)
    {
        uint remaining = (uint)count;
        if (remaining == 0)
        {
            return 0;
        }
        Bucket bucket = BucketFor(address);
        int woken = 0;
        lock (bucket)
        {
            while (remaining != 0 && bucket.Heads.TryGetValue(address, out Waiter? head))
            {
                Unlink(bucket, address, head);
                // Set under the lock: see the class comment (no stale signal for the waiter's next wait).
                head.Event.Set();
                woken++;
                remaining--;
            }
        }
        return woken;
    }

    /// <summary>How many threads wait on <paramref name="address"/> right now (for tests and diagnostics).</summary>
    public int WaiterCount(ulong address)
    {
        Bucket bucket = BucketFor(address);
        lock (bucket)
        {
            if (!bucket.Heads.TryGetValue(address, out Waiter? head))
            {
                return 0;
            }
            int n = 1;
            for (Waiter w = head.Next!; w != head; w = w.Next!)
            {
                n++;
            }
            return n;
        }
    }

    private Bucket BucketFor(ulong address)
    {
        // Wait addresses are 4- or 8-aligned: drop the low bits, then mix so strided addresses spread out.
        ulong h = (address >> 2) * 0x9E3779B97F4A7C15UL;
        return _buckets[(int)(h >> 58)];
    }

    private static Waiter Enqueue(Bucket bucket, ulong address)
    {
        Waiter waiter = t_waiter ??= new Waiter();
        Debug.Assert(!waiter.Queued, "a thread waits on one address at a time");
        waiter.Event.Reset();
        waiter.Queued = true;
        if (bucket.Heads.TryGetValue(address, out Waiter? head))
        {
            Waiter tail = head.Prev!;
            waiter.Prev = tail;
            waiter.Next = head;
            tail.Next = waiter;
            head.Prev = waiter;
        }
        else
        {
            waiter.Next = waiter;
            waiter.Prev = waiter;
            bucket.Heads.Add(address, waiter);
        }
        return waiter;
    }

    /// <summary>Removes <paramref name="waiter"/> from its address's queue (the bucket lock is held).</summary>
    private static void Unlink(Bucket bucket, ulong address, Waiter waiter)
    {
        if (waiter.Next == waiter)
        {
            bucket.Heads.Remove(address);
        }
        else
        {
            waiter.Prev!.Next = waiter.Next;
            waiter.Next!.Prev = waiter.Prev;
            if (bucket.Heads[address] == waiter)
            {
                bucket.Heads[address] = waiter.Next;
            }
        }
        waiter.Next = null;
        waiter.Prev = null;
        waiter.Queued = false;
    }

    private static int Park(Bucket bucket, ulong address, Waiter waiter, long timeoutNs, CancellationToken cancellation)
    {
        bool cancelled = false;
        try
        {
            if (timeoutNs < 0)
            {
                waiter.Event.Wait(Timeout.Infinite, cancellation);
                return Ok;
            }
            long start = Stopwatch.GetTimestamp();
            while (true)
            {
                long remainingNs = timeoutNs - (long)(Stopwatch.GetElapsedTime(start).Ticks * 100);
                if (remainingNs <= 0)
                {
                    break;
                }
                // Round up to whole milliseconds: never report "timed-out" before the timeout.
                int ms = remainingNs >= (int.MaxValue - 1) * 1_000_000L ? int.MaxValue - 1 : (int)((remainingNs + 999_999) / 1_000_000);
                if (waiter.Event.Wait(ms, cancellation))
                {
                    return Ok;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            cancelled = true;
        }

        // Timed out or cancelled; but a notify may have dequeued us meanwhile, in which case it counted us as woken.
        lock (bucket)
        {
            if (waiter.Queued)
            {
                Unlink(bucket, address, waiter);
            }
            else if (!cancelled)
            {
                return Ok;
            }
        }
        if (cancelled)
        {
            throw new WasmTrapException(TrapKind.Interrupted);
        }
        return TimedOut;
    }

    private static void ThrowIfCancelled(CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            throw new WasmTrapException(TrapKind.Interrupted);
        }
    }

    /// <summary>One lock stripe: the queue heads of the addresses that hash to it. Locked on itself.</summary>
    private sealed class Bucket
    {
        public readonly Dictionary<ulong, Waiter> Heads = [];
    }

    /// <summary>A parked thread: one per thread, reused by every wait of that thread.</summary>
    private sealed class Waiter
    {
        /// <summary>No spinning: a waiter goes straight to sleep (wasm code that wants to spin spins itself).</summary>
        public readonly ManualResetEventSlim Event = new(initialState: false, spinCount: 0);

        public Waiter? Next;
        public Waiter? Prev;
        public bool Queued;
    }
}
