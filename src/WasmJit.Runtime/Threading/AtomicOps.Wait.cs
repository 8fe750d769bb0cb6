using System.Runtime.CompilerServices;

namespace WasmJit.Runtime.Threading;

// memory.atomic.wait32/wait64/notify with the checks in the spec's order: the caller has done the bounds check,
// then alignment ("unaligned atomic"), then, for waits only, sharing ("expected shared memory"). An unshared memory
// is passed as queues == null: waiting on it traps, notifying it wakes nobody and returns 0.
internal static unsafe partial class AtomicOps
{
    /// <summary>memory.atomic.wait32: 0 woken, 1 not equal, 2 timed out (<paramref name="timeoutNs"/> &lt; 0: forever).</summary>
    public static int MemoryAtomicWait32(WaitQueues? queues, byte* p, ulong address, int expected, long timeoutNs, CancellationToken cancellation = default)
    {
        Check4(p);
        if (queues is null)
        {
            ThrowExpectedShared();
        }
        return queues.Wait32(p, address, expected, timeoutNs, cancellation);
    }

    /// <summary>memory.atomic.wait64: 0 woken, 1 not equal, 2 timed out (<paramref name="timeoutNs"/> &lt; 0: forever).</summary>
    public static int MemoryAtomicWait64(WaitQueues? queues, byte* p, ulong address, long expected, long timeoutNs, CancellationToken cancellation = default)
    {
        Check8(p);
        if (queues is null)
        {
            ThrowExpectedShared();
        }
        return queues.Wait64(p, address, expected, timeoutNs, cancellation);
    }

    /// <summary>memory.atomic.notify: the number of waiters woken (0 on an unshared memory).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MemoryAtomicNotify(WaitQueues? queues, byte* p, ulong address, int count)
    {
        Check4(p);
        return queues is null ? 0 : queues.Notify(address, count);
    }
}
