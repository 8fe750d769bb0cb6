using System.Diagnostics;
using WasmJit.Runtime.Tests.Threading;
using WasmJit.Runtime.Threading;

namespace WasmJit.Runtime.Tests.Limits;

public sealed unsafe class ExecutionLimiterTests
{
    [Fact]
    public void RaisingTheInterruptWakesAParkedWait()
    {
        using var buf = new NativeBuffer(16);
        var queues = new WaitQueues();
        using var limiter = new ExecutionLimiter();
        limiter.BeginEntry();
        WasmTrapException? trap = null;
        var t = new Thread(() => trap = Assert.Throws<WasmTrapException>(() => queues.Wait32(buf.Pointer, 0, 0, -1, limiter.WaitToken)));
        t.Start();
        var sw = Stopwatch.StartNew();
        while (queues.WaiterCount(0) == 0)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "never parked");
            Thread.Sleep(1);
        }
        limiter.RaiseInterrupt(ExecutionLimiter.Requested);
        Assert.True(t.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(TrapKind.Interrupted, trap!.Kind);
        limiter.EndEntry();

        // After the call, a fresh token that nothing cancelled: waits time out normally again.
        limiter.BeginEntry();
        Assert.Equal(WaitQueues.TimedOut, queues.Wait32(buf.Pointer, 0, 0, 1_000_000, limiter.WaitToken));
        limiter.EndEntry();
    }

    [Fact]
    public void AWaitStartedAfterTheRaiseTrapsAtOnce()
    {
        using var buf = new NativeBuffer(16);
        var queues = new WaitQueues();
        using var limiter = new ExecutionLimiter();
        limiter.BeginEntry();
        limiter.RaiseInterrupt(ExecutionLimiter.Requested);
        Assert.Throws<WasmTrapException>(() => queues.Wait32(buf.Pointer, 0, 0, -1, limiter.WaitToken));
        limiter.EndEntry();
    }

    [Fact]
    public void TheDeadlineRaisesTheFlagOnlyDuringTheCall()
    {
        using var limiter = new ExecutionLimiter(timeout: TimeSpan.FromMilliseconds(30));
        limiter.BeginEntry();
        var sw = Stopwatch.StartNew();
        while (limiter.Interrupt == ExecutionLimiter.NotInterrupted)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), "deadline never fired");
            Thread.Sleep(1);
        }
        Assert.Equal(ExecutionLimiter.TimedOut, limiter.Interrupt);
        Assert.IsType<WasmTimeoutException>(limiter.InterruptedException(limiter.Interrupt));
        limiter.EndEntry();
        Thread.Sleep(60);
        Assert.Equal(ExecutionLimiter.NotInterrupted, limiter.Interrupt);
    }

    [Fact]
    public void FuelChargesAreGivenBackWhenTheyDoNotFit()
    {
        using var limiter = new ExecutionLimiter(fuel: 10);
        limiter.Charge(4);
        Assert.Equal(6, limiter.Fuel);
        var e = Assert.Throws<WasmFuelExhaustedException>(() => limiter.Charge(7));
        Assert.Equal(6, limiter.Fuel);
        Assert.Equal(6, e.Remaining);
        Assert.Equal(7, e.Needed);
    }
}

public sealed class FuelSegmentsTests
{
    [Fact]
    public void CutsAfterControlInstructionsAndMergesFallThroughOnlyOnes()
    {
        var module = ModuleLoader.DecodeAndValidate(WasmJit.Text.WatParser.ParseModule("""
            (module
              (func $g)
              (func (param i32) (result i32)
                (block
                  (call $g)
                  (br_if 0 (local.get 0))
                  (nop))
                (loop (br_if 0 (i32.const 0)))
                (i32.const 1)))
            """), WasmFeatures.Default);
        var fuel = FuelSegments.Compute(module, 1, WasmFeatures.Default);
        // [block call local.get br_if] 4 (nothing but falling through reaches what follows block and call),
        // [nop end] 2, [loop] 1, [i32.const br_if] 2, [end] 1 (the loop's), [i32.const end] 2.
        Assert.Equal([4, 2, 1, 2, 1, 2], fuel.Costs.ToArray());
        Assert.Equal(fuel.Costs.Length, fuel.Offsets.Length);
        Assert.True(fuel.Offsets.ToArray().SequenceEqual(fuel.Offsets.ToArray().Order()));
    }
}
