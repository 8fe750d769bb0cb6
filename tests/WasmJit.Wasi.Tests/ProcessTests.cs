using System.Text;

namespace WasmJit.Wasi.Tests;

public sealed class ProcessTests
{
    [Fact]
    public void ArgsAndEnvironmentAreNulTerminatedWithPointers()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Call(() => h.Context.ArgsSizesGet(h.Memory, 0, 4)));
        Assert.Equal(2u, h.Memory.ReadU32(0));
        Assert.Equal(8u, h.Memory.ReadU32(4)); // "prog\0a1\0"
        Assert.Equal(Errno.Success, h.Call(() => h.Context.ArgsGet(h.Memory, 100, 200)));
        Assert.Equal(200u, h.Memory.ReadU32(100));
        Assert.Equal(205u, h.Memory.ReadU32(104));
        Assert.Equal("prog\0a1\0", Encoding.UTF8.GetString(h.Memory.Bytes, 200, 8));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.EnvironSizesGet(h.Memory, 0, 4)));
        Assert.Equal(1u, h.Memory.ReadU32(0));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.EnvironGet(h.Memory, 100, 300)));
        Assert.Equal("K=V\0", Encoding.UTF8.GetString(h.Memory.Bytes, 300, 4));
    }

    [Fact]
    public void ClocksMoveForwardAndUnknownClockIsInval()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Call(() => h.Context.ClockTimeGet(h.Memory, 1, 1, 0)));
        ulong t0 = h.Memory.ReadU64(0);
        Thread.Sleep(5);
        Assert.Equal(Errno.Success, h.Call(() => h.Context.ClockTimeGet(h.Memory, 1, 1, 0)));
        Assert.True(h.Memory.ReadU64(0) > t0);
        Assert.Equal(Errno.Success, h.Call(() => h.Context.ClockTimeGet(h.Memory, 0, 1, 0)));
        ulong wall = h.Memory.ReadU64(0);
        ulong expected = (ulong)((DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
        Assert.InRange(wall, expected - 5_000_000_000, expected + 5_000_000_000);
        Assert.Equal((int)Errno.Inval, WasiContext.Guard(() => h.Context.ClockTimeGet(h.Memory, 99, 1, 0)));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.ClockResGet(h.Memory, 1, 8)));
        Assert.True(h.Memory.ReadU64(8) > 0);
    }

    [Fact]
    public void RandomFillsTheBuffer()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Call(() => h.Context.RandomGet(h.Memory, 0, 64)));
        Assert.Contains(h.Memory.Bytes.AsSpan(0, 64).ToArray(), b => b != 0);
    }

    [Fact]
    public void PollOnARelativeClockSleepsAndReports()
    {
        using var h = new WasiHarness();
        // One clock subscription: userdata 42, monotonic, 20 ms relative.
        h.Memory.WriteU64(0, 42);
        h.Memory.WriteU8(8, 0);
        h.Memory.WriteU32(16, 1);
        h.Memory.WriteU64(24, 20_000_000);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PollOneoff(h.Memory, 0, 100, 1, 200)));
        Assert.True(sw.ElapsedMilliseconds >= 15);
        Assert.Equal(1u, h.Memory.ReadU32(200));
        Assert.Equal(42ul, h.Memory.ReadU64(100));
    }

    [Fact]
    public void ProcExitUnwindsWithTheCode()
    {
        var e = Assert.Throws<WasiExitException>(() => WasiContext.ProcExit(7));
        Assert.Equal(7, e.ExitCode);
    }
}
