using System.Collections.Concurrent;
using System.Diagnostics;
using WasmJit.Runtime.Threading;
using Xunit.Abstractions;

namespace WasmJit.Runtime.Tests.Threading;

/// <summary>memory.atomic.wait32/wait64/notify semantics: timeouts, FIFO order, counts, interruption, races.</summary>
public sealed unsafe class WaitQueuesTests(ITestOutputHelper output)
{
    private static void SpinUntil(Func<bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail($"timed out waiting until {what}");
            }
            Thread.Sleep(1);
        }
    }

    [Theory]
    [InlineData(false, 30)]
    [InlineData(true, 30)]
    [InlineData(false, 1)]
    public void WaitTimesOutOnTime(bool wide, int timeoutMs)
    {
        using var buf = new NativeBuffer(16);
        var queues = new WaitQueues();
        long timeoutNs = timeoutMs * 1_000_000L;
        var sw = Stopwatch.StartNew();
        int result = wide
            ? queues.Wait64(buf.Pointer + 8, 8, 0, timeoutNs)
            : queues.Wait32(buf.Pointer, 0, 0, timeoutNs);
        sw.Stop();
        Assert.Equal(WaitQueues.TimedOut, result);
        Assert.True(sw.Elapsed.Ticks * 100 >= timeoutNs, $"returned after {sw.Elapsed.TotalMilliseconds} ms, before the timeout");
        // Generous slack for 2 cores shared by many builds; a wait that forgot its timeout would take seconds or forever.
        Assert.True(sw.Elapsed < TimeSpan.FromMilliseconds(timeoutMs + 400), $"returned after {sw.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(0, queues.WaiterCount(0));
        output.WriteLine($"wait{(wide ? 64 : 32)} timeout {timeoutMs} ms: returned 2 after {sw.Elapsed.TotalMilliseconds:F2} ms");
    }

    [Fact]
    public void NotifyWakesInFifoOrder()
    {
        const int Waiters = 6;
        using var buf = new NativeBuffer(64);
        var queues = new WaitQueues();
        byte* p = buf.Pointer + 16;
        var woken = new ConcurrentQueue<int>();
        var results = new int[Waiters];
        var threads = new Thread[Waiters];
        for (int i = 0; i < Waiters; i++)
        {
            int id = i;
            threads[i] = new Thread(() =>
            {
                results[id] = queues.Wait32(p, 16, 0, -1);
                woken.Enqueue(id);
            });
            threads[i].Start();
            // Enqueue one at a time so the queue order is known.
            SpinUntil(() => queues.WaiterCount(16) == id + 1, $"waiter {id} is queued");
        }
        for (int i = 0; i < Waiters; i++)
        {
            Assert.Equal(1, queues.Notify(16, 1));
            SpinUntil(() => woken.Count == i + 1, $"waiter {i} ran");
        }
        foreach (Thread t in threads)
        {
            t.Join();
        }
        Assert.Equal(Enumerable.Range(0, Waiters), woken);
        Assert.All(results, r => Assert.Equal(WaitQueues.Ok, r));
    }

    [Fact]
    public void NotifyCountLimitsHowManyWake()
    {
        const int Waiters = 6;
        using var buf = new NativeBuffer(64);
        var queues = new WaitQueues();
        byte* p = buf.Pointer + 8;
        int done = 0;
        var threads = new Thread[Waiters];
        for (int i = 0; i < Waiters; i++)
        {
            threads[i] = new Thread(() =>
            {
                Assert.Equal(WaitQueues.Ok, queues.Wait64(p, 8, 0, -1));
                Interlocked.Increment(ref done);
            });
            threads[i].Start();
        }
        SpinUntil(() => queues.WaiterCount(8) == Waiters, "all wait");

        Assert.Equal(0, queues.Notify(8, 0));
        Assert.Equal(0, queues.Notify(16, 10)); // another address
        Assert.Equal(0, queues.Notify(0, 10)); // another address in the same 8 bytes
        Assert.Equal(2, queues.Notify(8, 2));
        SpinUntil(() => Volatile.Read(ref done) == 2, "two ran");
        Thread.Sleep(20);
        Assert.Equal(2, Volatile.Read(ref done));
        Assert.Equal(Waiters - 2, queues.WaiterCount(8));
        Assert.Equal(Waiters - 2, queues.Notify(8, -1)); // u32 max
        foreach (Thread t in threads)
        {
            t.Join();
        }
        Assert.Equal(Waiters, done);
        Assert.Equal(0, queues.Notify(8, -1));
    }

    [Fact]
    public void CancellationInterruptsAParkedWaiter()
    {
        using var buf = new NativeBuffer(16);
        var queues = new WaitQueues();
        using var cts = new CancellationTokenSource();
        WasmTrapException? trap = null;
        var t = new Thread(() => trap = Assert.Throws<WasmTrapException>(() => queues.Wait32(buf.Pointer, 0, 0, -1, cts.Token)));
        t.Start();
        SpinUntil(() => queues.WaiterCount(0) == 1, "parked");
        cts.Cancel();
        Assert.True(t.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(TrapKind.Interrupted, trap!.Kind);
        Assert.Equal(0, queues.WaiterCount(0));
        Assert.Equal(0, queues.Notify(0, 1)); // nobody left to wake

        // An already cancelled token traps before blocking (but a mismatch would too: interruption comes first).
        Assert.Equal(TrapKind.Interrupted, Assert.Throws<WasmTrapException>(() => queues.Wait64(buf.Pointer + 8, 8, 0, 1_000_000, cts.Token)).Kind);
        // Timeouts and cancellation together: the timeout still applies when the token never fires.
        using var never = new CancellationTokenSource();
        Assert.Equal(WaitQueues.TimedOut, queues.Wait32(buf.Pointer, 0, 0, 2_000_000, never.Token));
    }

    [Fact]
    public void NotifyCountsMatchWokenWaitersUnderTimeoutRaces()
    {
        // Waiters with tiny timeouts race a notifier: every waiter that notify counted must report "ok" (0) and every
        // "ok" must have been counted, even when the timeout fires at the same moment as the notify.
        const int WaiterThreads = 3;
        using var buf = new NativeBuffer(64);
        var queues = new WaitQueues();
        long notified = 0, ok = 0, timedOut = 0, rounds = 0;
        int stop = 0;
        var sw = Stopwatch.StartNew();
        var notifier = new Thread(() =>
        {
            while (sw.ElapsedMilliseconds < 600)
            {
                notified += queues.Notify(0, 1);
                Thread.SpinWait(200);
            }
            Volatile.Write(ref stop, 1);
        });
        notifier.Start();
        AtomicHammerTests.RunThreads(WaiterThreads, id =>
        {
            long myOk = 0, myTimedOut = 0, myRounds = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                int r = queues.Wait32(buf.Pointer, 0, 0, 50_000 * (1 + (myRounds % 40)));
                myRounds++;
                if (r == WaitQueues.Ok)
                {
                    myOk++;
                }
                else
                {
                    Assert.Equal(WaitQueues.TimedOut, r);
                    myTimedOut++;
                }
            }
            Interlocked.Add(ref ok, myOk);
            Interlocked.Add(ref timedOut, myTimedOut);
            Interlocked.Add(ref rounds, myRounds);
        });
        notifier.Join();
        Assert.Equal(notified, ok);
        Assert.Equal(0, queues.WaiterCount(0));
        Assert.True(ok > 0 && timedOut > 0, $"the race was not exercised: {ok} ok, {timedOut} timed out");
        output.WriteLine($"{WaiterThreads} waiters, 1 notifier for 600 ms: {rounds} waits, {ok} woken (= notify total), {timedOut} timed out");
    }
}
