using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WasmJit.Runtime.Threading;

namespace WasmJit.Runtime;

/// <summary>
/// The per-store state that every tier checks while wasm runs: the fuel left (see <see cref="FuelSegments"/>) and
/// one volatile interrupt word, polled at loop back edges and function entries (Wasmtime's epoch interruption,
/// without the epoch: nothing but this flag is read on the hot path). A deadline timer, a cancellation token and
/// <see cref="RaiseInterrupt"/> from any thread set the flag; blocking waits observe it through
/// <see cref="WaitToken"/>.
/// <para>
/// An outermost entry into the store (<see cref="BeginEntry"/>) clears the flag and arms the deadline; leaving it
/// (<see cref="EndEntry"/>) disarms both, so an interrupt stops the call that is running and never a later one. The
/// timer callback and the entry bookkeeping share a lock, so a late timer cannot interrupt the next call.
/// </para>
/// </summary>
internal sealed class ExecutionLimiter : IDisposable
{
    public const int NotInterrupted = 0;
    public const int Requested = 1;
    public const int TimedOut = 2;
    public const int Cancelled = 3;

    /// <summary>Fuel left; only meaningful when <see cref="FuelEnabled"/>. Tiers decrement it in place.</summary>
    public long Fuel;

    /// <summary>Non-zero (the reason) when running code must stop. Polled by every tier.</summary>
    public volatile int Interrupt;

    private readonly object _lock = new();
    private readonly TimeSpan _timeout;
    private readonly long _timeoutTicks;
    private readonly CancellationToken _cancellation;
    private CancellationTokenRegistration _registration;
    private CancellationTokenSource? _waitCts;
    /// <summary>A deadline of this limiter is pending on <see cref="DeadlineTimer"/> (at most one at a time).</summary>
    private bool _scheduled;

    private readonly Action _onTimer;
    private long _deadline;
    private bool _active;

    public ExecutionLimiter(long? fuel = null, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        _onTimer = OnTimer;
        FuelEnabled = fuel is not null;
        Fuel = fuel ?? 0;
        if (timeout is TimeSpan t)
        {
            _timeout = t;
            _timeoutTicks = Math.Max(1, (long)(t.TotalSeconds * Stopwatch.Frequency));
        }
        _cancellation = cancellation;
        if (cancellation.CanBeCanceled)
        {
            _registration = cancellation.Register(static s => ((ExecutionLimiter)s!).RaiseInterrupt(Cancelled), this);
        }
    }

    /// <summary>Is fuel metered? Decided when the store is created (tiers compile the charges in or not).</summary>
    public bool FuelEnabled { get; }

    public TimeSpan? Timeout => _timeoutTicks > 0 ? _timeout : null;

    /// <summary>Sets the interrupt flag (first reason wins) and wakes blocking waits. Any thread.</summary>
    public void RaiseInterrupt(int reason)
    {
        if (Interlocked.CompareExchange(ref Interrupt, reason, NotInterrupted) == NotInterrupted)
        {
            var cts = Volatile.Read(ref _waitCts);
            try
            {
                cts?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Replaced by EndEntry meanwhile: nobody waits on it any more.
            }
        }
    }

    /// <summary>A token cancelled when the flag is raised: pass it to blocking waits (memory.atomic.wait).</summary>
    public CancellationToken WaitToken
    {
        get
        {
            var cts = Volatile.Read(ref _waitCts);
            if (cts is null)
            {
                var created = new CancellationTokenSource();
                cts = Interlocked.CompareExchange(ref _waitCts, created, null) ?? created;
                if (!ReferenceEquals(cts, created))
                {
                    created.Dispose();
                }
            }
            // A raise that happened before the source was published did not see it.
            if (Interrupt != NotInterrupted)
            {
                cts.Cancel();
            }
            return cts.Token;
        }
    }

    /// <summary>
    /// memory.atomic.wait32 as the tiers run it: parks until notified, timed out, or the interrupt flag is raised;
    /// then throws the flag's own exception (timeout, interrupt, cancellation) rather than the queue's plain trap.
    /// </summary>
    public unsafe int Wait32(WaitQueues? queues, byte* p, ulong address, int expected, long timeoutNs)
    {
        try
        {
            return AtomicOps.MemoryAtomicWait32(queues, p, address, expected, timeoutNs, WaitToken);
        }
        catch (WasmTrapException e) when (e.Kind == TrapKind.Interrupted && Interrupt != NotInterrupted)
        {
            throw InterruptedException(Interrupt);
        }
    }

    /// <summary>memory.atomic.wait64; as <see cref="Wait32"/>.</summary>
    public unsafe int Wait64(WaitQueues? queues, byte* p, ulong address, long expected, long timeoutNs)
    {
        try
        {
            return AtomicOps.MemoryAtomicWait64(queues, p, address, expected, timeoutNs, WaitToken);
        }
        catch (WasmTrapException e) when (e.Kind == TrapKind.Interrupted && Interrupt != NotInterrupted)
        {
            throw InterruptedException(Interrupt);
        }
    }

    /// <summary>The host enters the store (outermost call): clears a stale flag, refuses a cancelled token, arms the deadline.</summary>
    public void BeginEntry()
    {
        if (_cancellation.IsCancellationRequested)
        {
            throw new WasmInterruptedException("the store's cancellation token is cancelled", cancelled: true);
        }
        if (_timeoutTicks == 0)
        {
            Interrupt = NotInterrupted;
            return;
        }
        lock (_lock)
        {
            Interrupt = NotInterrupted;
            _deadline = Stopwatch.GetTimestamp() + _timeoutTicks;
            _active = true;
            ScheduleLocked(_deadline);
        }
    }

    /// <summary>The outermost call returned or threw: disarm everything.</summary>
    public void EndEntry()
    {
        if (_timeoutTicks != 0)
        {
            lock (_lock)
            {
                _active = false;
            }
        }
        Interrupt = NotInterrupted;
        var cts = Volatile.Read(ref _waitCts);
        if (cts is not null && cts.IsCancellationRequested && Interlocked.CompareExchange(ref _waitCts, null, cts) == cts)
        {
            cts.Dispose();
        }
        if (_cancellation.IsCancellationRequested)
        {
            Interrupt = Cancelled;
        }
    }

    /// <summary>Under <c>_lock</c>: makes sure a deadline at or before <paramref name="deadline"/> is pending (OnTimer re-arms an early one).</summary>
    private void ScheduleLocked(long deadline)
    {
        if (!_scheduled)
        {
            _scheduled = true;
            DeadlineTimer.Schedule(deadline, _onTimer);
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _scheduled = false;
            if (!_active)
            {
                return;
            }
            long left = _deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                RaiseInterrupt(TimedOut);
            }
            else
            {
                ScheduleLocked(_deadline);
            }
        }
    }

    /// <summary>Throws the exception for the current interrupt reason. Tiers call it when they see the flag set.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void ThrowInterrupted() => throw InterruptedException(Interrupt);

    public Exception InterruptedException(int reason) => reason switch
    {
        TimedOut => new WasmTimeoutException(_timeout),
        Cancelled => new WasmInterruptedException("the store's cancellation token was cancelled", cancelled: true),
        _ => new WasmInterruptedException("Store.Interrupt() was called"),
    };

    /// <summary>
    /// The charge of <paramref name="cost"/> took the fuel below zero: give it back (the segment is not entered) and
    /// throw. Tiers call it after <c>Fuel -= cost</c> went negative.
    /// </summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void ThrowOutOfFuel(long cost)
    {
        Fuel += cost;
        throw new WasmFuelExhaustedException(Fuel, cost);
    }

    /// <summary>Charges <paramref name="cost"/> (for code outside the tiers' inline charges).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Charge(long cost)
    {
        if ((Fuel -= cost) < 0)
        {
            ThrowOutOfFuel(cost);
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        lock (_lock)
        {
            _active = false;
        }
        Interlocked.Exchange(ref _waitCts, null)?.Dispose();
    }
}
