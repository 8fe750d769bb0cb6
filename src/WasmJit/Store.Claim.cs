using System.Runtime.CompilerServices;

namespace WasmJit;

/// <summary>
/// The threading rule (one thread in a store at a time) as a biased claim: the thread that last used the store keeps
/// it, so its next call checks ownership with two loads and a compare and no atomic instruction (a compare-and-swap
/// per call measured ~15 ns here, the whole budget of a call into compiled code). Another thread takes the store over
/// in <see cref="EnterSlow"/>: under a lock it marks the claim as being revoked, makes every thread's pending writes
/// visible (<see cref="Interlocked.MemoryBarrierProcessWide"/>, microseconds) and then reads the owner's depth; the
/// owner's fast path writes its depth before re-reading the claim, so either the owner sees the revocation and backs
/// off, or the new thread sees a depth above zero and gets the "in use by thread N" error (the asymmetric Dekker
/// pattern that lets the common side skip its fence). So handing a store to another thread costs microseconds once;
/// calls from the same thread cost nothing extra.
/// </summary>
public sealed partial class Store
{
    private const int NoThread = -2;
    private const int RevokingThread = -3;
    private const int DisposedThread = -1;

    /// <summary>Marks a claim in transfer; never owned (no thread has a negative id).</summary>
    private static readonly Claim s_revoking = new(RevokingThread);

    [ThreadStatic]
    private static int t_threadId;

    private readonly object _claimLock = new();
    private Claim _claim = new(NoThread);

    /// <summary>One thread's hold on the store; a new object per owner, so a stale owner's writes never touch the next one's.</summary>
    private sealed class Claim(int thread)
    {
        public readonly int Thread = thread;

        /// <summary>Nested entries of <see cref="Thread"/> (written only by that thread).</summary>
        public int Depth;
    }

    /// <summary>Claims the store for this thread (re-entrant); pair with <see cref="Exit"/> in a finally.</summary>
    /// <exception cref="InvalidOperationException">Another thread is running code of this store.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Enter()
    {
        var c = _claim;
        if (c.Thread == t_threadId)
        {
            int depth = c.Depth;
            c.Depth = depth + 1;
            // Dekker with EnterSlow: the depth write above must precede this read (a volatile read is not moved
            // above an earlier store by RyuJIT; the hardware reordering is what the slow side's process-wide
            // barrier covers).
            if (ReferenceEquals(Volatile.Read(ref _claim), c))
            {
                if (depth == 0)
                {
                    BeginOutermost();
                }
                return;
            }
            c.Depth = depth;
        }
        if (EnterSlow())
        {
            BeginOutermost();
        }
    }

    /// <summary>The outermost entry arms the store's limits (deadline timer, cancellation); undone if that throws.</summary>
    private void BeginOutermost()
    {
        try
        {
            Inner.Limiter.BeginEntry();
        }
        catch
        {
            Exit(outermostFailed: true);
            throw;
        }
    }

    /// <summary>Leaves what <see cref="Enter"/> claimed. The claim cannot change hands while its depth is above zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Exit() => Exit(outermostFailed: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Exit(bool outermostFailed)
    {
        var c = Volatile.Read(ref _claim);
        if (ReferenceEquals(c, s_revoking))
        {
            ExitSlow(outermostFailed);
            return;
        }
        if (c.Depth == 1 && !outermostFailed)
        {
            // Disarm the limits while the store is still ours.
            Inner.Limiter.EndEntry();
        }
        c.Depth--;
    }

    /// <summary>Returns true when this is the outermost entry (depth 0 to 1).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool EnterSlow()
    {
        int me = t_threadId;
        if (me == 0)
        {
            me = t_threadId = Environment.CurrentManagedThreadId;
        }
        lock (_claimLock)
        {
            var old = _claim;
            if (old.Thread == me)
            {
                // Our own claim, seen while another thread was trying to revoke it (and failed: we are inside).
                old.Depth++;
                return old.Depth == 1;
            }
            ObjectDisposedException.ThrowIf(_disposed || old.Thread == DisposedThread, this);
            if (old.Thread != NoThread)
            {
                Volatile.Write(ref _claim, s_revoking);
                Interlocked.MemoryBarrierProcessWide();
                if (Volatile.Read(ref old.Depth) != 0)
                {
                    Volatile.Write(ref _claim, old);
                    ThrowBusy(old.Thread, me);
                }
            }
            Volatile.Write(ref _claim, new Claim(me) { Depth = 1 });
            return true;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ExitSlow(bool outermostFailed)
    {
        // A revocation is in progress and will fail (we are inside); once it has put our claim back, leave it.
        lock (_claimLock)
        {
            if (_claim.Depth == 1 && !outermostFailed)
            {
                Inner.Limiter.EndEntry();
            }
            _claim.Depth--;
        }
    }

    /// <summary>Later entries fail; an entry still running leaves normally.</summary>
    private void MarkDisposed()
    {
        lock (_claimLock)
        {
            // A call still running (a host function disposing its own store) decrements this claim on its way out.
            Volatile.Write(ref _claim, new Claim(DisposedThread));
        }
    }

    private static void ThrowBusy(int owner, int me) =>
        throw new InvalidOperationException(
            $"this store is in use by thread {owner}; a store may be used by one thread at a time (this is thread {me}). " +
            "Use one store per thread, or wait until the other thread's call returns.");
}
