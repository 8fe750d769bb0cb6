using System.Diagnostics;

namespace WasmJit.Runtime.Tests.Limits;

[CollectionDefinition(nameof(DeadlineTimerTests), DisableParallelization = true)]
public sealed class DeadlineTimerCollection;

/// <summary>
/// Store timeouts fire on their own thread (<see cref="DeadlineTimer"/>), so a host that starves its thread pool does
/// not delay them: with every pool thread blocked, a 100 ms timeout still raises the interrupt flag on time. Not
/// parallel: the test blocks the pool on purpose.
/// </summary>
[Collection(nameof(DeadlineTimerTests))]
public sealed class DeadlineTimerTests
{
    [Fact]
    public void ATimeoutFiresOnTimeWhileTheThreadPoolIsStarved()
    {
        // Not disposed: work items still queued when the test ends run later and must find it set.
        var release = new ManualResetEventSlim();
        ThreadPool.GetMinThreads(out int workers, out _);
        int blocked = 0;
        for (int i = 0; i < workers * 4; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                Interlocked.Increment(ref blocked);
                release.Wait();
            }, null);
        }
        try
        {
            var wait = Stopwatch.StartNew();
            while (Volatile.Read(ref blocked) < workers && wait.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(1);
            }
            using var limiter = new ExecutionLimiter(timeout: TimeSpan.FromMilliseconds(100));
            var sw = Stopwatch.StartNew();
            limiter.BeginEntry();
            while (limiter.Interrupt == ExecutionLimiter.NotInterrupted && sw.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.SpinWait(100);
            }
            sw.Stop();
            limiter.EndEntry();
            Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(90), $"fired early: {sw.Elapsed}");
            Assert.True(sw.Elapsed < TimeSpan.FromMilliseconds(1000), $"a 100 ms timeout took {sw.Elapsed} with the pool starved");
        }
        finally
        {
            release.Set();
        }
    }
}
