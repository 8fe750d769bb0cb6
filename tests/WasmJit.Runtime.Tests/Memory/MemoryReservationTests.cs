using WasmJit.Runtime;

namespace WasmJit.Runtime.Tests.Memory;

/// <summary>How much address space a linear memory reserves, and what happens when the full reservation is refused.</summary>
public sealed class MemoryReservationTests
{
    [Fact]
    public void UnboundedMemory32ReservesItsWholeIndexSpace()
    {
        using var memory = new MemoryInstance(new MemoryType(new WasmJit.Limits(1, null), false, false));
        Assert.Equal(1UL << 32, memory.ReservedBytes);
        Assert.Equal(1, memory.Grow(3));
        Assert.Equal(4UL * 65536, memory.ByteLength);
    }

    [Fact]
    public void RefusedReservationFallsBackToLessAndGrowthStopsThere()
    {
        // 2^60 bytes is more than any x64 or arm64 user address space: the full reservation fails every time.
        var options = new StoreOptions { MaxMemory64Bytes = 1UL << 60 };
        using var memory = new MemoryInstance(new MemoryType(new WasmJit.Limits(2, null), false, true), options);

        Assert.InRange(memory.ReservedBytes, 2UL * 65536, (1UL << 60) - 1);
        Assert.Equal(2UL * 65536, memory.ByteLength);
        memory.Span(2 * 65536 - 4, 4).Fill(0xAB);
        Assert.Equal(0xAB, memory.ReadByte(2 * 65536 - 1));
        // Past the smaller reservation (far below the type's limit of 2^48 pages): -1, the memory unchanged.
        Assert.Equal(-1, memory.Grow(memory.ReservedBytes / 65536));
        Assert.Equal(2, memory.Grow(1));
        Assert.Equal(3UL * 65536, memory.ByteLength);
    }
}
