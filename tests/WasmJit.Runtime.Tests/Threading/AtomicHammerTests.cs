using System.Diagnostics;
using WasmJit.Runtime.Threading;
using Xunit.Abstractions;

namespace WasmJit.Runtime.Tests.Threading;

/// <summary>
/// Hammer tests (wazero's internal/testing/hammer): many threads, many iterations, an invariant at the end.
/// Sized for 2 busy cores; each test prints its size and time.
/// </summary>
public sealed unsafe class AtomicHammerTests(ITestOutputHelper output)
{
    private const int Threads = 4;

    /// <summary>
    /// Runs <paramref name="body"/>(thread index) on <see cref="Threads"/> threads released together; rethrows the
    /// first failure.
    /// </summary>
    internal static TimeSpan RunThreads(int threads, Action<int> body)
    {
        using var start = new Barrier(threads);
        Exception? failure = null;
        var all = new Thread[threads];
        var sw = Stopwatch.StartNew();
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            all[t] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    body(id);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            });
            all[t].Start();
        }
        foreach (Thread t in all)
        {
            t.Join();
        }
        sw.Stop();
        if (failure is not null)
        {
            throw new InvalidOperationException("a hammer thread failed", failure);
        }
        return sw.Elapsed;
    }

    /// <summary>
    /// Runs <paramref name="batch"/>(thread index) in a loop on every thread until <paramref name="duration"/> has
    /// passed, so the threads overlap in time however busy the machine is; returns the batches run per thread.
    /// </summary>
    internal static long[] RunFor(int threads, TimeSpan duration, Action<int> batch)
    {
        var batches = new long[threads];
        int stop = 0;
        using var timer = new Timer(_ => Volatile.Write(ref stop, 1), null, duration, Timeout.InfiniteTimeSpan);
        RunThreads(threads, id =>
        {
            long n = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                batch(id);
                n++;
            }
            batches[id] = n;
        });
        return batches;
    }

    private static readonly TimeSpan s_hammerTime = TimeSpan.FromMilliseconds(300);

    private const int Batch = 1000;

    public static TheoryData<string> AddWidths() => new()
    {
        "i32.atomic.rmw.add", "i64.atomic.rmw.add", "i32.atomic.rmw8.add_u", "i32.atomic.rmw16.add_u",
        "i64.atomic.rmw8.add_u", "i64.atomic.rmw16.add_u", "i64.atomic.rmw32.add_u",
    };

    /// <summary>
    /// N threads x M increments of one counter leave exactly N*M (mod 2^width), while the same threads decrement the
    /// adjacent lane of the same width: the two lanes share a word (or a cache line), so a narrow op that disturbed
    /// its neighbours, or a lost update, shows up in either lane; the bytes around them stay untouched.
    /// </summary>
    [Theory]
    [MemberData(nameof(AddWidths))]
    public void ConcurrentAddsAreNeverLost(string name)
    {
        int bytes = name.Contains("rmw8", StringComparison.Ordinal) ? 1 : name.Contains("rmw16", StringComparison.Ordinal) ? 2
            : name.StartsWith("i32", StringComparison.Ordinal) || name.Contains("rmw32", StringComparison.Ordinal) ? 4 : 8;
        (Func<nint, long, long> Add, Func<nint, long, long> Sub) fns = name switch
        {
            "i32.atomic.rmw.add" => ((p, v) => AtomicOps.I32AtomicRmwAdd((byte*)p, (int)v), (p, v) => AtomicOps.I32AtomicRmwSub((byte*)p, (int)v)),
            "i64.atomic.rmw.add" => ((p, v) => AtomicOps.I64AtomicRmwAdd((byte*)p, v), (p, v) => AtomicOps.I64AtomicRmwSub((byte*)p, v)),
            "i32.atomic.rmw8.add_u" => ((p, v) => AtomicOps.I32AtomicRmw8AddU((byte*)p, (int)v), (p, v) => AtomicOps.I32AtomicRmw8SubU((byte*)p, (int)v)),
            "i32.atomic.rmw16.add_u" => ((p, v) => AtomicOps.I32AtomicRmw16AddU((byte*)p, (int)v), (p, v) => AtomicOps.I32AtomicRmw16SubU((byte*)p, (int)v)),
            "i64.atomic.rmw8.add_u" => ((p, v) => AtomicOps.I64AtomicRmw8AddU((byte*)p, v), (p, v) => AtomicOps.I64AtomicRmw8SubU((byte*)p, v)),
            "i64.atomic.rmw16.add_u" => ((p, v) => AtomicOps.I64AtomicRmw16AddU((byte*)p, v), (p, v) => AtomicOps.I64AtomicRmw16SubU((byte*)p, v)),
            "i64.atomic.rmw32.add_u" => ((p, v) => AtomicOps.I64AtomicRmw32AddU((byte*)p, v), (p, v) => AtomicOps.I64AtomicRmw32SubU((byte*)p, v)),
            _ => throw new ArgumentException(name),
        };
        (Func<nint, long, long> add, Func<nint, long, long> sub) = fns;
        using var buf = new NativeBuffer(64);
        buf.Span.Fill(0xA5);
        byte* counter = buf.Pointer + 16;
        byte* neighbour = counter + bytes;
        new Span<byte>(counter, bytes * 2).Clear();
        ulong mask = bytes == 8 ? ulong.MaxValue : (1UL << (bytes * 8)) - 1;

        long[] batches = RunFor(Threads, s_hammerTime, id =>
        {
            nint c = (nint)counter, n = (nint)neighbour;
            for (int i = 0; i < Batch; i++)
            {
                add(c, 1);
                sub(n, 1);
            }
        });

        ulong total = (ulong)batches.Sum() * Batch;
        ulong lane(byte* p) => bytes switch { 1 => *p, 2 => *(ushort*)p, 4 => *(uint*)p, _ => *(ulong*)p };
        Assert.Equal(total & mask, lane(counter));
        Assert.Equal((0 - total) & mask, lane(neighbour));
        for (int i = 0; i < buf.Size; i++)
        {
            if (buf.Pointer + i < counter || buf.Pointer + i >= neighbour + bytes)
            {
                Assert.Equal(0xA5, buf.Pointer[i]);
            }
        }
        output.WriteLine($"{name}: {Threads} threads, {total} adds + {total} neighbouring subs in {s_hammerTime.TotalMilliseconds} ms (per thread: {string.Join(", ", batches.Select(b => b * Batch))})");
    }

    public static TheoryData<int> CasWidths() => new() { 1, 2, 4, 8 };

    /// <summary>Increments through a load + compare-exchange retry loop at every width: a CAS that lies loses counts.</summary>
    [Theory]
    [MemberData(nameof(CasWidths))]
    public void CompareExchangeLoopsCountExactly(int bytes)
    {
        using var buf = new NativeBuffer(64);
        byte* counter = buf.Pointer + 8;
        long retries = 0; // failed compare-exchanges: evidence that the threads really raced
        long[] batches = RunFor(Threads, s_hammerTime, id =>
        {
            for (int i = 0; i < Batch; i++)
            {
                switch (bytes)
                {
                    case 1:
                        for (long old = AtomicOps.I64AtomicLoad8U(counter); ;)
                        {
                            long seen = AtomicOps.I64AtomicRmw8CmpxchgU(counter, old, old + 1);
                            if (seen == old)
                            {
                                break;
                            }
                            old = seen;
                            Interlocked.Increment(ref retries);
                        }
                        break;
                    case 2:
                        for (int old = AtomicOps.I32AtomicLoad16U(counter); ;)
                        {
                            int seen = AtomicOps.I32AtomicRmw16CmpxchgU(counter, old, old + 1);
                            if (seen == old)
                            {
                                break;
                            }
                            old = seen;
                            Interlocked.Increment(ref retries);
                        }
                        break;
                    case 4:
                        for (long old = AtomicOps.I64AtomicLoad32U(counter); ;)
                        {
                            long seen = AtomicOps.I64AtomicRmw32CmpxchgU(counter, old, old + 1);
                            if (seen == old)
                            {
                                break;
                            }
                            old = seen;
                            Interlocked.Increment(ref retries);
                        }
                        break;
                    default:
                        for (long old = AtomicOps.I64AtomicLoad(counter); ;)
                        {
                            long seen = AtomicOps.I64AtomicRmwCmpxchg(counter, old, old + 1);
                            if (seen == old)
                            {
                                break;
                            }
                            old = seen;
                            Interlocked.Increment(ref retries);
                        }
                        break;
                }
            }
        });
        ulong mask = bytes == 8 ? ulong.MaxValue : (1UL << (bytes * 8)) - 1;
        ulong total = (ulong)batches.Sum() * Batch;
        Assert.Equal(total & mask, *(ulong*)counter);
        output.WriteLine($"cmpxchg {bytes * 8}-bit: {Threads} threads, {total} CAS increments in {s_hammerTime.TotalMilliseconds} ms, {retries} retries");
    }

    /// <summary>
    /// A futex mutex (Drepper, "Futexes Are Tricky", mutex 2: 0 free, 1 locked, 2 locked with waiters) built from
    /// cmpxchg/xchg/sub + wait32/notify, exactly as wasm code would, protects a plain non-atomic counter.
    /// </summary>
    [Fact]
    public void MutexFromCmpxchgAndWaitNotifyProtectsAPlainCounter()
    {
        const int PerThread = 10_000;
        using var buf = new NativeBuffer(64);
        var queues = new WaitQueues();
        byte* lockWord = buf.Pointer;
        long* counter = (long*)(buf.Pointer + 32);
        long waits = 0; // wait calls, including those that found the lock word already changed (result 1)

        TimeSpan time = RunThreads(Threads, id =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                int c = AtomicOps.I32AtomicRmwCmpxchg(lockWord, 0, 1);
                if (c != 0)
                {
                    if (c != 2)
                    {
                        c = AtomicOps.I32AtomicRmwXchg(lockWord, 2);
                    }
                    while (c != 0)
                    {
                        AtomicOps.MemoryAtomicWait32(queues, lockWord, 0, 2, -1);
                        Interlocked.Increment(ref waits);
                        c = AtomicOps.I32AtomicRmwXchg(lockWord, 2);
                    }
                }

                long v = *counter; // deliberately not atomic: the mutex is what keeps it exact
                if ((i & 15) == 0)
                {
                    // Give up the core while holding the lock now and then, so that the others find it taken and
                    // park even when the machine runs the threads one after another.
                    Thread.Yield();
                }
                *counter = v + 1;

                if (AtomicOps.I32AtomicRmwSub(lockWord, 1) != 1)
                {
                    AtomicOps.I32AtomicStore(lockWord, 0);
                    AtomicOps.MemoryAtomicNotify(queues, lockWord, 0, 1);
                }
            }
        });

        Assert.Equal((long)Threads * PerThread, *counter);
        Assert.Equal(0, AtomicOps.I32AtomicLoad(lockWord));
        Assert.Equal(0, queues.WaiterCount(0));
        output.WriteLine($"mutex: {Threads} threads x {PerThread} lock/unlock in {time.TotalMilliseconds:F0} ms, {waits} wait calls");
    }
}
