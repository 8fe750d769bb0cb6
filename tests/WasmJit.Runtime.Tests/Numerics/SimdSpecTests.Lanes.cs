using WasmJit.Runtime.Numerics;
using static WasmJit.Runtime.Tests.Numerics.Bits;

namespace WasmJit.Runtime.Tests.Numerics;

// Generated once from the core/simd_*.wast assertions named by each test (a capped selection per instruction that
// favours NaN, infinity and boundary lanes); expected values are the spec's.
public partial class SimdSpecTests
{
    /// <summary>core/simd_lane.wast</summary>
    [Fact]
    public void SimdLane()
    {
        Assert.Equal(127, SimdOps.I8x16ExtractLaneS(I8(127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(-1, SimdOps.I8x16ExtractLaneS(I8(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(-128, SimdOps.I8x16ExtractLaneS(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -128), 15));
        Assert.Equal(255, SimdOps.I8x16ExtractLaneU(I8(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(255, SimdOps.I8x16ExtractLaneU(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1), 15));
        Assert.Equal(128, SimdOps.I8x16ExtractLaneU(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -128), 15));
        Assert.Equal(32767, SimdOps.I16x8ExtractLaneS(I16(32767, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(-1, SimdOps.I16x8ExtractLaneS(I16(-1, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(12345, SimdOps.I16x8ExtractLaneS(I16(12345, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(-4660, SimdOps.I16x8ExtractLaneS(I16(-4660, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(-32768, SimdOps.I16x8ExtractLaneS(I16(0, 0, 0, 0, 0, 0, 0, -32768), 7));
        Assert.Equal(65535, SimdOps.I16x8ExtractLaneU(I16(-1, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(12345, SimdOps.I16x8ExtractLaneU(I16(12345, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(60876, SimdOps.I16x8ExtractLaneU(I16(-4660, 0, 0, 0, 0, 0, 0, 0), 0));
        Assert.Equal(65535, SimdOps.I16x8ExtractLaneU(I16(0, 0, 0, 0, 0, 0, 0, -1), 7));
        Assert.Equal(32768, SimdOps.I16x8ExtractLaneU(I16(0, 0, 0, 0, 0, 0, 0, -32768), 7));
        Assert.Equal(2147483647, SimdOps.I32x4ExtractLane(I32(2147483647, 0, 0, 0), 0));
        Assert.Equal(-1, SimdOps.I32x4ExtractLane(I32(-1, 0, 0, 0), 0));
        Assert.Equal(1234567890, SimdOps.I32x4ExtractLane(I32(1234567890, 0, 0, 0), 0));
        Assert.Equal(-305419896, SimdOps.I32x4ExtractLane(I32(-305419896, 0, 0, 0), 0));
        Assert.Equal(-2147483648, SimdOps.I32x4ExtractLane(I32(0, 0, 0, -2147483648), 3));
        Assert.Equal(-305419896, SimdOps.I32x4ExtractLane(I32(0, 0, 0, -305419896), 3));
        Assert.Equal(9223372036854775807L, SimdOps.I64x2ExtractLane(I64(9223372036854775807L, 0L), 0));
        Assert.Equal(9223372036854775806L, SimdOps.I64x2ExtractLane(I64(9223372036854775806L, 0L), 0));
        Assert.Equal(-1L, SimdOps.I64x2ExtractLane(I64(-1L, 0L), 0));
        Assert.Equal(-9223372036854775808L, SimdOps.I64x2ExtractLane(I64(0L, -9223372036854775808L), 1));
        Assert.Equal(-9223372036854775808L, SimdOps.I64x2ExtractLane(I16(0, 0, 0, 0, 0, 0, 0, -32768), 1));
        Assert.Equal(9218868437227405312L, SimdOps.I64x2ExtractLane(F64x2Bits(0xfff0000000000000UL, 0x7ff0000000000000UL), 1));
        Bits.AssertF32(0xc0a00000u, null, SimdOps.F32x4ExtractLane(F32x4Bits(0xc0a00000u, 0x00000000u, 0x00000000u, 0x00000000u), 0));
        Bits.AssertF32(0x7e967699u, null, SimdOps.F32x4ExtractLane(F32x4Bits(0x7e967699u, 0x00000000u, 0x00000000u, 0x00000000u), 0));
        Bits.AssertF32(0x7f7fffffu, null, SimdOps.F32x4ExtractLane(F32x4Bits(0x7f7fffffu, 0x00000000u, 0x00000000u, 0x00000000u), 0));
        Bits.AssertF32(0x7f000000u, null, SimdOps.F32x4ExtractLane(F32x4Bits(0x7f000000u, 0x00000000u, 0x00000000u, 0x00000000u), 0));
        Bits.AssertF32(0x7f800000u, null, SimdOps.F32x4ExtractLane(F32x4Bits(0x7f800000u, 0x00000000u, 0x00000000u, 0x00000000u), 0));
        Bits.AssertF32(0x7fc00000u, null, SimdOps.F32x4ExtractLane(F32x4Bits(0x7fc00000u, 0x7f800000u, 0x00000000u, 0x00000000u), 0));
        Bits.AssertF32(0xff7fffffu, null, SimdOps.F32x4ExtractLane(F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0xff7fffffu), 3));
        Bits.AssertF32(0xff000000u, null, SimdOps.F32x4ExtractLane(F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0xff000000u), 3));
        Bits.AssertF64(0xbff8000000000000UL, null, SimdOps.F64x2ExtractLane(F64x2Bits(0xbff8000000000000UL, 0x0000000000000000UL), 0));
        Bits.AssertF64(0x3ff8000000000000UL, null, SimdOps.F64x2ExtractLane(F64x2Bits(0x3ff8000000000000UL, 0x0000000000000000UL), 0));
        Bits.AssertF64(0x800ced42ec885d9dUL, null, SimdOps.F64x2ExtractLane(F64x2Bits(0x800ced42ec885d9dUL, 0x0000000000000000UL), 0));
        Bits.AssertF64(0x000ced42ec885d9dUL, null, SimdOps.F64x2ExtractLane(F64x2Bits(0x000ced42ec885d9dUL, 0x0000000000000000UL), 0));
        Bits.AssertF64(0x8010000000000000UL, null, SimdOps.F64x2ExtractLane(F64x2Bits(0x8010000000000000UL, 0x0000000000000000UL), 0));
        Bits.AssertF64(0xfff0000000000000UL, null, SimdOps.F64x2ExtractLane(F64x2Bits(0xfff0000000000000UL, 0x0000000000000000UL), 0));
        Bits.AssertF64(0x7ff0000000000000UL, null, SimdOps.F64x2ExtractLane(F64x2Bits(0x7ff0000000000000UL, 0x0000000000000000UL), 0));
        Bits.AssertF64(0xfff8000000000000UL, null, SimdOps.F64x2ExtractLane(F64x2Bits(0xfff8000000000000UL, 0x8000000000000000UL), 0));
        Check(SimdOps.I8x16ReplaceLane(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 127), I8(127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16ReplaceLane(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 128), I8(-128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16ReplaceLane(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 255), I8(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16ReplaceLane(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 256), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16ReplaceLane(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 15, -128), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -128));
        Check(SimdOps.I8x16ReplaceLane(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 15, -129), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127));
        Check(SimdOps.I8x16ReplaceLane(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 15, 32767), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1));
        Check(SimdOps.I8x16ReplaceLane(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 15, -32768), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ReplaceLane(I16(0, 0, 0, 0, 0, 0, 0, 0), 0, 32767), I16(32767, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ReplaceLane(I16(0, 0, 0, 0, 0, 0, 0, 0), 0, 32768), I16(-32768, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ReplaceLane(I16(0, 0, 0, 0, 0, 0, 0, 0), 0, 65535), I16(-1, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ReplaceLane(I16(0, 0, 0, 0, 0, 0, 0, 0), 0, 65536), I16(0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ReplaceLane(I16(0, 0, 0, 0, 0, 0, 0, 0), 0, 12345), I16(12345, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ReplaceLane(I16(0, 0, 0, 0, 0, 0, 0, 0), 0, -4660), I16(-4660, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ReplaceLane(I16(0, 0, 0, 0, 0, 0, 0, 0), 7, -32768), I16(0, 0, 0, 0, 0, 0, 0, -32768));
        Check(SimdOps.I16x8ReplaceLane(I16(0, 0, 0, 0, 0, 0, 0, 0), 7, -32769), I16(0, 0, 0, 0, 0, 0, 0, 32767));
        Check(SimdOps.I32x4ReplaceLane(I32(0, 0, 0, 0), 0, 2147483647), I32(2147483647, 0, 0, 0));
        Check(SimdOps.I32x4ReplaceLane(I32(0, 0, 0, 0), 0, -1), I32(-1, 0, 0, 0));
        Check(SimdOps.I32x4ReplaceLane(I32(0, 0, 0, 0), 0, 1234567890), I32(1234567890, 0, 0, 0));
        Check(SimdOps.I32x4ReplaceLane(I32(0, 0, 0, 0), 0, -305419896), I32(-305419896, 0, 0, 0));
        Check(SimdOps.I32x4ReplaceLane(I32(0, 0, 0, 0), 3, -2147483648), I32(0, 0, 0, -2147483648));
        Check(SimdOps.I32x4ReplaceLane(I32(0, 0, 0, 0), 3, 1234567890), I32(0, 0, 0, 1234567890));
        Check(SimdOps.I32x4ReplaceLane(I32(0, 0, 0, 0), 3, -305419896), I32(0, 0, 0, -305419896));
        Check(SimdOps.F32x4ReplaceLane(F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u), 0, F32(0x42540000u)), F32x4Bits(0x42540000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ReplaceLane(I32(0, 0, 0, 0), 0, F32(0x42540000u)), F32x4Bits(0x42540000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ReplaceLane(F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u), 0, F32(0x7fc00000u)), F32x4Bits(0x7fc00000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ReplaceLane(F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u), 0, F32(0x7f800000u)), F32x4Bits(0x7f800000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ReplaceLane(F32x4Bits(0x7fc00000u, 0x00000000u, 0x00000000u, 0x00000000u), 0, F32(0x4048f5c3u)), F32x4Bits(0x4048f5c3u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ReplaceLane(F32x4Bits(0x7f800000u, 0x00000000u, 0x00000000u, 0x00000000u), 0, F32(0x7e967699u)), F32x4Bits(0x7e967699u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ReplaceLane(F32x4Bits(0x7f800000u, 0x00000000u, 0x00000000u, 0x00000000u), 0, F32(0x7f7fffffu)), F32x4Bits(0x7f7fffffu, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ReplaceLane(F32x4Bits(0x7f800000u, 0x00000000u, 0x00000000u, 0x00000000u), 0, F32(0x7f000000u)), F32x4Bits(0x7f000000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.I64x2ReplaceLane(I64(0L, 0L), 0, 9223372036854775807L), I64(9223372036854775807L, 0L));
        Check(SimdOps.I64x2ReplaceLane(I64(0L, 0L), 0, -1L), I64(-1L, 0L));
        Check(SimdOps.I64x2ReplaceLane(I64(0L, 0L), 0, 1234567890123456789L), I64(1234567890123456789L, 0L));
        Check(SimdOps.I64x2ReplaceLane(I64(0L, 0L), 0, 1311768467294899695L), I64(1311768467294899695L, 0L));
        Check(SimdOps.I64x2ReplaceLane(I64(0L, 0L), 1, -9223372036854775808L), I64(0L, -9223372036854775808L));
        Check(SimdOps.I64x2ReplaceLane(I64(0L, 0L), 1, 1234567890123456789L), I64(0L, 1234567890123456789L));
        Check(SimdOps.I64x2ReplaceLane(I64(0L, 0L), 1, 1311768467294899695L), I64(0L, 1311768467294899695L));
        Check(SimdOps.F64x2ReplaceLane(F64x2Bits(0x3ff0000000000000UL, 0x3ff0000000000000UL), 0, F64(0x0000000000000000UL)), F64x2Bits(0x0000000000000000UL, 0x3ff0000000000000UL));
        Check(SimdOps.F64x2ReplaceLane(F64x2Bits(0xbff0000000000000UL, 0xbff0000000000000UL), 0, F64(0x8000000000000000UL)), F64x2Bits(0x8000000000000000UL, 0xbff0000000000000UL));
        Check(SimdOps.F64x2ReplaceLane(F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL), 0, F64(0x3ff4000000000000UL)), F64x2Bits(0x3ff4000000000000UL, 0x0000000000000000UL));
        Check(SimdOps.F64x2ReplaceLane(F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL), 0, F64(0xbff4000000000000UL)), F64x2Bits(0xbff4000000000000UL, 0x0000000000000000UL));
        Check(SimdOps.F64x2ReplaceLane(F64x2Bits(0xfff8000000000000UL, 0x0000000000000000UL), 0, F64(0xffefffffffffffffUL)), F64x2Bits(0xffefffffffffffffUL, 0x0000000000000000UL));
        Check(SimdOps.F64x2ReplaceLane(F64x2Bits(0x7ff8000000000000UL, 0x0000000000000000UL), 0, F64(0x7fefffffffffffffUL)), F64x2Bits(0x7fefffffffffffffUL, 0x0000000000000000UL));
        Check(SimdOps.F64x2ReplaceLane(F64x2Bits(0xfff0000000000000UL, 0x0000000000000000UL), 0, F64(0x8010000000000000UL)), F64x2Bits(0x8010000000000000UL, 0x0000000000000000UL));
        Check(SimdOps.F64x2ReplaceLane(F64x2Bits(0x7ff0000000000000UL, 0x0000000000000000UL), 0, F64(0x0010000000000000UL)), F64x2Bits(0x0010000000000000UL, 0x0000000000000000UL));
        Check(SimdOps.I8x16Swizzle(I8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)), I8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31));
        Check(SimdOps.I8x16Swizzle(I8(-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1), I8(-8, -7, -6, -5, -4, -3, -2, -1, 16, 17, 18, 19, 20, 21, 22, 23)), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16Swizzle(I8(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115), I8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)), I8(115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100));
        Check(SimdOps.I8x16Swizzle(I8(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115), I8(-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7, -8, 8)), I8(0, 101, 0, 102, 0, 103, 0, 104, 0, 105, 0, 106, 0, 107, 0, 108));
        Check(SimdOps.I8x16Swizzle(I8(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115), I8(9, 16, 10, 17, 11, 18, 12, 19, 13, 20, 14, 21, 15, 22, 16, 23)), I8(109, 0, 110, 0, 111, 0, 112, 0, 113, 0, 114, 0, 115, 0, 0, 0));
        Check(SimdOps.I8x16Swizzle(F32x4Bits(0x7fc00000u, 0xffc00000u, 0x7f800000u, 0xff800000u), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)), I32(2143289344, -4194304, 2139095040, -8388608));
        Check(SimdOps.I8x16Swizzle(I32(1734763876, 1802135912, 1869507932, 1936879984), F32x4Bits(0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u)), I32(1684300900, 6579300, 25700, 25700));
        Check(SimdOps.I8x16Shuffle(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), I8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16Shuffle(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), I8(-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1), I8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31)), I8(-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1));
        Check(SimdOps.I8x16Shuffle(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), I8(-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1), I8(31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16)), I8(-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16));
        Check(SimdOps.I8x16Shuffle(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), I8(-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1), I8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)), I8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
        Check(SimdOps.I8x16Shuffle(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), I8(-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16Shuffle(I32(66051, 67438087, 134810123, 202182159), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)), I32(66051, 67438087, 134810123, 202182159));
        Check(SimdOps.I8x16Shuffle(F32x4Bits(0x3f800000u, 0x7fc00000u, 0x7f800000u, 0xff800000u), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)), I32(1065353216, 2143289344, 2139095040, -8388608));
        Check(SimdOps.I8x16Shuffle(I32(66051, 67438087, 134810123, 202182159), F32x4Bits(0x80000000u, 0x7fc00000u, 0x7f800000u, 0xff800000u), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)), I32(66051, 67438087, 134810123, 202182159));
    }

    /// <summary>core/simd_splat.wast</summary>
    [Fact]
    public void SimdSplat()
    {
        Check(SimdOps.I8x16Splat(0), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16Splat(5), I8(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5));
        Check(SimdOps.I8x16Splat(-5), I8(-5, -5, -5, -5, -5, -5, -5, -5, -5, -5, -5, -5, -5, -5, -5, -5));
        Check(SimdOps.I8x16Splat(257), I8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        Check(SimdOps.I8x16Splat(255), I8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
        Check(SimdOps.I8x16Splat(-128), I8(-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128));
        Check(SimdOps.I8x16Splat(128), I8(-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128));
        Check(SimdOps.I16x8Splat(0), I16(0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8Splat(5), I16(5, 5, 5, 5, 5, 5, 5, 5));
        Check(SimdOps.I16x8Splat(-5), I16(-5, -5, -5, -5, -5, -5, -5, -5));
        Check(SimdOps.I16x8Splat(65537), I16(1, 1, 1, 1, 1, 1, 1, 1));
        Check(SimdOps.I16x8Splat(65535), I16(-1, -1, -1, -1, -1, -1, -1, -1));
        Check(SimdOps.I16x8Splat(-32768), I16(-32768, -32768, -32768, -32768, -32768, -32768, -32768, -32768));
        Check(SimdOps.I16x8Splat(32768), I16(-32768, -32768, -32768, -32768, -32768, -32768, -32768, -32768));
        Check(SimdOps.I32x4Splat(0), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4Splat(5), I32(5, 5, 5, 5));
        Check(SimdOps.I32x4Splat(-5), I32(-5, -5, -5, -5));
        Check(SimdOps.I32x4Splat(-1), I32(-1, -1, -1, -1));
        Check(SimdOps.I32x4Splat(-2147483648), I32(-2147483648, -2147483648, -2147483648, -2147483648));
        Check(SimdOps.I32x4Splat(2147483647), I32(2147483647, 2147483647, 2147483647, 2147483647));
        Check(SimdOps.F32x4Splat(F32(0x00000000u)), F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4Splat(F32(0x3f8ccccdu)), F32x4Bits(0x3f8ccccdu, 0x3f8ccccdu, 0x3f8ccccdu, 0x3f8ccccdu));
        Check(SimdOps.F32x4Splat(F32(0xbf8ccccdu)), F32x4Bits(0xbf8ccccdu, 0xbf8ccccdu, 0xbf8ccccdu, 0xbf8ccccdu));
        Check(SimdOps.F32x4Splat(F32(0x7e967699u)), F32x4Bits(0x7e967699u, 0x7e967699u, 0x7e967699u, 0x7e967699u));
        Check(SimdOps.F32x4Splat(F32(0xff7fffffu)), F32x4Bits(0xff7fffffu, 0xff7fffffu, 0xff7fffffu, 0xff7fffffu));
        Check(SimdOps.F32x4Splat(F32(0xff000000u)), F32x4Bits(0xff000000u, 0xff000000u, 0xff000000u, 0xff000000u));
        Check(SimdOps.F32x4Splat(F32(0x7f800000u)), F32x4Bits(0x7f800000u, 0x7f800000u, 0x7f800000u, 0x7f800000u));
        Check(SimdOps.F32x4Splat(F32(0xff800000u)), F32x4Bits(0xff800000u, 0xff800000u, 0xff800000u, 0xff800000u));
        Check(SimdOps.I64x2Splat(0L), I64(0L, 0L));
        Check(SimdOps.I64x2Splat(1L), I64(1L, 1L));
        Check(SimdOps.I64x2Splat(-1L), I64(-1L, -1L));
        Check(SimdOps.I64x2Splat(-9223372036854775808L), I64(-9223372036854775808L, -9223372036854775808L));
        Check(SimdOps.F64x2Splat(F64(0x0000000000000000UL)), F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL));
        Check(SimdOps.F64x2Splat(F64(0x8000000000000000UL)), F64x2Bits(0x8000000000000000UL, 0x8000000000000000UL));
        Check(SimdOps.F64x2Splat(F64(0x3ff199999999999aUL)), F64x2Bits(0x3ff199999999999aUL, 0x3ff199999999999aUL));
        Check(SimdOps.F64x2Splat(F64(0xbff199999999999aUL)), F64x2Bits(0xbff199999999999aUL, 0xbff199999999999aUL));
        Check(SimdOps.F64x2Splat(F64(0x0000000000000001UL)), F64x2Bits(0x0000000000000001UL, 0x0000000000000001UL));
        Check(SimdOps.F64x2Splat(F64(0x8000000000000001UL)), F64x2Bits(0x8000000000000001UL, 0x8000000000000001UL));
        Check(SimdOps.F64x2Splat(F64(0x8010000000000000UL)), F64x2Bits(0x8010000000000000UL, 0x8010000000000000UL));
        Check(SimdOps.F64x2Splat(F64(0xbfe0000000000000UL)), F64x2Bits(0xbfe0000000000000UL, 0xbfe0000000000000UL));
    }

    /// <summary>core/simd_bitwise.wast</summary>
    [Fact]
    public void SimdBitwise()
    {
        Check(SimdOps.V128Not(I32(0, 0, 0, 0)), I32(-1, -1, -1, -1));
        Check(SimdOps.V128Not(I32(-1, -1, -1, -1)), I32(0, 0, 0, 0));
        Check(SimdOps.V128Not(I32(-1, 0, -1, 0)), I32(0, -1, 0, -1));
        Check(SimdOps.V128Not(I32(0, -1, 0, -1)), I32(-1, 0, -1, 0));
        Check(SimdOps.V128Not(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u)), F32x4Bits(0x003fffffu, 0x003fffffu, 0x003fffffu, 0x003fffffu));
        Check(SimdOps.V128Not(F32x4Bits(0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u)), F32x4Bits(0x803fffffu, 0x803fffffu, 0x803fffffu, 0x803fffffu));
        Check(SimdOps.V128Not(F32x4Bits(0xff800000u, 0xff800000u, 0xff800000u, 0xff800000u)), I32(8388607, 8388607, 8388607, 8388607));
        Check(SimdOps.V128Not(F32x4Bits(0x7f800000u, 0x7f800000u, 0x7f800000u, 0x7f800000u)), I32(-2139095041, -2139095041, -2139095041, -2139095041));
        Check(SimdOps.V128And(I32(0, 0, -1, -1), I32(0, -1, 0, -1)), I32(0, 0, 0, -1));
        Check(SimdOps.V128And(I32(0, 0, 0, 0), I32(0, 0, 0, 0)), I32(0, 0, 0, 0));
        Check(SimdOps.V128And(I32(0, 0, 0, 0), I32(-1, -1, -1, -1)), I32(0, 0, 0, 0));
        Check(SimdOps.V128And(I32(255, 255, 255, 255), I32(85, 85, 85, 85)), I32(85, 85, 85, 85));
        Check(SimdOps.V128And(I32(255, 255, 255, 255), I32(128, 128, 128, 128)), I32(128, 128, 128, 128));
        Check(SimdOps.V128And(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u)), I32(-4194304, -4194304, -4194304, -4194304));
        Check(SimdOps.V128And(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u)), F32x4Bits(0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u));
        Check(SimdOps.V128Or(I32(0, 0, -1, -1), I32(0, -1, 0, -1)), I32(0, -1, -1, -1));
        Check(SimdOps.V128Or(I32(0, 0, 0, 0), I32(0, 0, 0, 0)), I32(0, 0, 0, 0));
        Check(SimdOps.V128Or(I32(0, 0, 0, 0), I32(-1, -1, -1, -1)), I32(-1, -1, -1, -1));
        Check(SimdOps.V128Or(I32(255, 255, 255, 255), I32(85, 85, 85, 85)), I32(255, 255, 255, 255));
        Check(SimdOps.V128Or(I32(255, 255, 255, 255), I32(128, 128, 128, 128)), I32(255, 255, 255, 255));
        Check(SimdOps.V128Or(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u)), I32(-4194304, -4194304, -4194304, -4194304));
        Check(SimdOps.V128Or(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u)), I32(-4194304, -4194304, -4194304, -4194304));
        Check(SimdOps.V128Xor(I32(0, 0, -1, -1), I32(0, -1, 0, -1)), I32(0, -1, -1, 0));
        Check(SimdOps.V128Xor(I32(0, 0, 0, 0), I32(0, 0, 0, 0)), I32(0, 0, 0, 0));
        Check(SimdOps.V128Xor(I32(0, 0, 0, 0), I32(-1, -1, -1, -1)), I32(-1, -1, -1, -1));
        Check(SimdOps.V128Xor(I32(255, 255, 255, 255), I32(85, 85, 85, 85)), I32(170, 170, 170, 170));
        Check(SimdOps.V128Xor(I32(255, 255, 255, 255), I32(128, 128, 128, 128)), I32(127, 127, 127, 127));
        Check(SimdOps.V128Xor(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u)), F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.V128Xor(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u)), F32x4Bits(0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u));
        Check(SimdOps.V128Bitselect(I32(-1431655766, -1431655766, -1431655766, -1431655766), I32(-1145324613, -1145324613, -1145324613, -1145324613), I32(1123141, -267386881, 269557793, -1146438742)), I32(-1146438982, -1413829974, -1414874182, -1430541637));
        Check(SimdOps.V128Bitselect(I32(-1431655766, -1431655766, -1431655766, -1431655766), I32(-1145324613, -1145324613, -1145324613, -1145324613), I32(0, 0, 0, 0)), I32(-1145324613, -1145324613, -1145324613, -1145324613));
        Check(SimdOps.V128Bitselect(I32(-1431655766, -1431655766, -1431655766, -1431655766), I32(-1145324613, -1145324613, -1145324613, -1145324613), I32(286331153, 286331153, 286331153, 286331153)), I32(-1431655766, -1431655766, -1431655766, -1431655766));
        Check(SimdOps.V128Bitselect(I32(-1431655766, -1431655766, -1431655766, -1431655766), I32(-1145324613, -1145324613, -1145324613, -1145324613), I32(19088743, -1985229329, -19088744, 1985229328)), I32(-1162167622, -1162167622, -1414812757, -1414812757));
        Check(SimdOps.V128Bitselect(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0x4f25a5a6u, 0x4f25a5a6u, 0x4f25a5a6u, 0x4f25a5a6u)), I32(-4194304, -4194304, -4194304, -4194304));
        Check(SimdOps.V128Bitselect(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u), F32x4Bits(0x4f25a5a6u, 0x4f25a5a6u, 0x4f25a5a6u, 0x4f25a5a6u)), F32x4Bits(0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u));
        Check(SimdOps.V128Bitselect(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0xff800000u, 0xff800000u, 0xff800000u, 0xff800000u), F32x4Bits(0x4f25a5a6u, 0x4f25a5a6u, 0x4f25a5a6u, 0x4f25a5a6u)), F32x4Bits(0xff800000u, 0xff800000u, 0xff800000u, 0xff800000u));
        Check(SimdOps.V128Bitselect(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0x7f800000u, 0x7f800000u, 0x7f800000u, 0x7f800000u), F32x4Bits(0x4f25a5a6u, 0x4f25a5a6u, 0x4f25a5a6u, 0x4f25a5a6u)), F32x4Bits(0x7f800000u, 0x7f800000u, 0x7f800000u, 0x7f800000u));
        Check(SimdOps.V128Andnot(I32(0, 0, -1, -1), I32(0, -1, 0, -1)), I32(0, 0, -1, 0));
        Check(SimdOps.V128Andnot(I32(0, 0, 0, 0), I32(0, 0, 0, 0)), I32(0, 0, 0, 0));
        Check(SimdOps.V128Andnot(I32(0, 0, 0, 0), I32(-1, -1, -1, -1)), I32(0, 0, 0, 0));
        Check(SimdOps.V128Andnot(I32(255, 255, 255, 255), I32(85, 85, 85, 85)), I32(170, 170, 170, 170));
        Check(SimdOps.V128Andnot(I32(255, 255, 255, 255), I32(128, 128, 128, 128)), I32(127, 127, 127, 127));
        Check(SimdOps.V128Andnot(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u)), I32(0, 0, 0, 0));
        Check(SimdOps.V128Andnot(F32x4Bits(0xffc00000u, 0xffc00000u, 0xffc00000u, 0xffc00000u), F32x4Bits(0x7fc00000u, 0x7fc00000u, 0x7fc00000u, 0x7fc00000u)), F32x4Bits(0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u));
    }

    /// <summary>core/simd_boolean.wast</summary>
    [Fact]
    public void SimdBoolean()
    {
        Assert.Equal(0, SimdOps.V128AnyTrue(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        Assert.Equal(1, SimdOps.V128AnyTrue(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0)));
        Assert.Equal(1, SimdOps.V128AnyTrue(I8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1)));
        Assert.Equal(1, SimdOps.V128AnyTrue(I8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        Assert.Equal(1, SimdOps.V128AnyTrue(I8(-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15)));
        Assert.Equal(1, SimdOps.V128AnyTrue(I8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)));
        Assert.Equal(1, SimdOps.V128AnyTrue(I8(-85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85)));
        Assert.Equal(0, SimdOps.I8x16AllTrue(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        Assert.Equal(0, SimdOps.I8x16AllTrue(I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0)));
        Assert.Equal(0, SimdOps.I8x16AllTrue(I8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1)));
        Assert.Equal(1, SimdOps.I8x16AllTrue(I8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        Assert.Equal(0, SimdOps.I8x16AllTrue(I8(-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15)));
        Assert.Equal(1, SimdOps.I8x16AllTrue(I8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)));
        Assert.Equal(1, SimdOps.I8x16AllTrue(I8(-85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85, -85)));
        Assert.Equal(65535, SimdOps.I8x16Bitmask(I8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)));
        Assert.Equal(1, SimdOps.I8x16Bitmask(I8(-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15)));
        Assert.Equal(0, SimdOps.I16x8AllTrue(I16(0, 0, 0, 0, 0, 0, 0, 0)));
        Assert.Equal(0, SimdOps.I16x8AllTrue(I16(0, 0, 0, 0, 0, 0, 1, 0)));
        Assert.Equal(0, SimdOps.I16x8AllTrue(I16(1, 1, 1, 1, 1, 1, 0, 1)));
        Assert.Equal(1, SimdOps.I16x8AllTrue(I16(1, 1, 1, 1, 1, 1, 1, 1)));
        Assert.Equal(0, SimdOps.I16x8AllTrue(I16(-1, 0, 1, 2, 11, 12, 13, 15)));
        Assert.Equal(1, SimdOps.I16x8AllTrue(I16(255, 255, 255, 255, 255, 255, 255, 255)));
        Assert.Equal(1, SimdOps.I16x8AllTrue(I16(171, 171, 171, 171, 171, 171, 171, 171)));
        Assert.Equal(255, SimdOps.I16x8Bitmask(I16(-1, -1, -1, -1, -1, -1, -1, -1)));
        Assert.Equal(1, SimdOps.I16x8Bitmask(I16(-1, 0, 1, 2, 11, 12, 13, 15)));
        Assert.Equal(0, SimdOps.I32x4AllTrue(I32(0, 0, 0, 0)));
        Assert.Equal(0, SimdOps.I32x4AllTrue(I32(0, 0, 1, 0)));
        Assert.Equal(0, SimdOps.I32x4AllTrue(I32(1, 1, 0, 1)));
        Assert.Equal(1, SimdOps.I32x4AllTrue(I32(1, 1, 1, 1)));
        Assert.Equal(0, SimdOps.I32x4AllTrue(I32(-1, 0, 1, 15)));
        Assert.Equal(1, SimdOps.I32x4AllTrue(I32(255, 255, 255, 255)));
        Assert.Equal(1, SimdOps.I32x4AllTrue(I32(171, 171, 171, 171)));
        Assert.Equal(15, SimdOps.I32x4Bitmask(I32(-1, -1, -1, -1)));
        Assert.Equal(1, SimdOps.I32x4Bitmask(I32(-1, 0, 1, 15)));
        Assert.Equal(0, SimdOps.I64x2AllTrue(I64(0L, 0L)));
        Assert.Equal(0, SimdOps.I64x2AllTrue(I64(0L, 1L)));
        Assert.Equal(0, SimdOps.I64x2AllTrue(I64(1L, 0L)));
        Assert.Equal(1, SimdOps.I64x2AllTrue(I64(1L, 1L)));
        Assert.Equal(0, SimdOps.I64x2AllTrue(I64(-1L, 0L)));
        Assert.Equal(1, SimdOps.I64x2AllTrue(I64(255L, 255L)));
        Assert.Equal(1, SimdOps.I64x2AllTrue(I64(171L, 171L)));
        Assert.Equal(3, SimdOps.I64x2Bitmask(I64(-1L, -1L)));
        Assert.Equal(1, SimdOps.I64x2Bitmask(I64(-1L, 15L)));
    }

    /// <summary>core/simd_bit_shift.wast</summary>
    [Fact]
    public void SimdBitShift()
    {
        Check(SimdOps.I8x16Shl(I8(-128, -64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), 1), I8(0, -128, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26));
        Check(SimdOps.I8x16Shl(I8(-86, -69, -52, -35, -18, -1, -96, -80, -64, -48, -32, -16, 10, 11, 12, 13), 4), I8(-96, -80, -64, -48, -32, -16, 0, 0, 0, 0, 0, 0, -96, -80, -64, -48));
        Check(SimdOps.I8x16Shl(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 8), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16Shl(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 32), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16Shl(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 128), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16Shl(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 256), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16Shl(I8(-128, -64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), 9), I8(0, -128, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26));
        Check(SimdOps.I8x16Shl(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 9), I8(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30));
        Check(SimdOps.I8x16ShrU(I8(-128, -64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), 1), I8(64, 96, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6));
        Check(SimdOps.I8x16ShrU(I8(-86, -69, -52, -35, -18, -1, -96, -80, -64, -48, -32, -16, 10, 11, 12, 13), 4), I8(10, 11, 12, 13, 14, 15, 10, 11, 12, 13, 14, 15, 0, 0, 0, 0));
        Check(SimdOps.I8x16ShrU(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 8), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16ShrU(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 32), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16ShrU(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 128), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16ShrU(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 256), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16ShrU(I8(-128, -64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), 9), I8(64, 96, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6));
        Check(SimdOps.I8x16ShrU(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 9), I8(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7));
        Check(SimdOps.I8x16ShrS(I8(-128, -64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), 1), I8(-64, -32, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6));
        Check(SimdOps.I8x16ShrS(I8(-86, -69, -52, -35, -18, -1, -96, -80, -64, -48, -32, -16, 10, 11, 12, 13), 4), I8(-6, -5, -4, -3, -2, -1, -6, -5, -4, -3, -2, -1, 0, 0, 0, 0));
        Check(SimdOps.I8x16ShrS(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 8), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16ShrS(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 32), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16ShrS(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 128), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16ShrS(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 256), I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
        Check(SimdOps.I8x16ShrS(I8(-128, -64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), 9), I8(-64, -32, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6));
        Check(SimdOps.I8x16ShrS(I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 9), I8(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7));
        Check(SimdOps.I16x8Shl(I16(-128, -64, 0, 1, 2, 3, 4, 5), 1), I16(-256, -128, 0, 2, 4, 6, 8, 10));
        Check(SimdOps.I16x8Shl(I16(12345, 12345, 12345, 12345, 12345, 12345, 12345, 12345), 2), I16(-16156, -16156, -16156, -16156, -16156, -16156, -16156, -16156));
        Check(SimdOps.I16x8Shl(I16(4660, 4660, 4660, 4660, 4660, 4660, 4660, 4660), 2), I16(18640, 18640, 18640, 18640, 18640, 18640, 18640, 18640));
        Check(SimdOps.I16x8Shl(I16(-21829, -13091, -4353, -24400, -16176, -7952, 2571, 3085), 4), I16(-21584, -12848, -4112, 2816, 3328, 3840, -24400, -16176));
        Check(SimdOps.I16x8Shl(I16(0, 1, 2, 3, 4, 5, 6, 7), 8), I16(0, 256, 512, 768, 1024, 1280, 1536, 1792));
        Check(SimdOps.I16x8Shl(I16(0, 1, 2, 3, 4, 5, 6, 7), 32), I16(0, 1, 2, 3, 4, 5, 6, 7));
        Check(SimdOps.I16x8Shl(I16(0, 1, 2, 3, 4, 5, 6, 7), 128), I16(0, 1, 2, 3, 4, 5, 6, 7));
        Check(SimdOps.I16x8Shl(I16(-128, -64, 0, 1, 2, 3, 4, 5), 17), I16(-256, -128, 0, 2, 4, 6, 8, 10));
        Check(SimdOps.I16x8ShrU(I16(-128, -64, 0, 1, 2, 3, 4, 5), 1), I16(32704, 32736, 0, 0, 1, 1, 2, 2));
        Check(SimdOps.I16x8ShrU(I16(12345, 12345, 12345, 12345, 12345, 12345, 12345, 12345), 2), I16(3086, 3086, 3086, 3086, 3086, 3086, 3086, 3086));
        Check(SimdOps.I16x8ShrU(I16(-28501, -28501, -28501, -28501, -28501, -28501, -28501, -28501), 2), I16(9258, 9258, 9258, 9258, 9258, 9258, 9258, 9258));
        Check(SimdOps.I16x8ShrU(I16(-21829, -13091, -4353, -24400, -16176, -7952, 2571, 3085), 4), I16(2731, 3277, 3823, 2571, 3085, 3599, 160, 192));
        Check(SimdOps.I16x8ShrU(I16(0, 1, 2, 3, 4, 5, 6, 7), 8), I16(0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ShrU(I16(0, 1, 2, 3, 4, 5, 6, 7), 32), I16(0, 1, 2, 3, 4, 5, 6, 7));
        Check(SimdOps.I16x8ShrU(I16(0, 1, 2, 3, 4, 5, 6, 7), 128), I16(0, 1, 2, 3, 4, 5, 6, 7));
        Check(SimdOps.I16x8ShrU(I16(-128, -64, 0, 1, 2, 3, 4, 5), 17), I16(32704, 32736, 0, 0, 1, 1, 2, 2));
        Check(SimdOps.I16x8ShrS(I16(-128, -64, 0, 1, 2, 3, 4, 5), 1), I16(-64, -32, 0, 0, 1, 1, 2, 2));
        Check(SimdOps.I16x8ShrS(I16(12345, 12345, 12345, 12345, 12345, 12345, 12345, 12345), 2), I16(3086, 3086, 3086, 3086, 3086, 3086, 3086, 3086));
        Check(SimdOps.I16x8ShrS(I16(-28501, -28501, -28501, -28501, -28501, -28501, -28501, -28501), 2), I16(-7126, -7126, -7126, -7126, -7126, -7126, -7126, -7126));
        Check(SimdOps.I16x8ShrS(I16(-21829, -13091, -4353, -24400, -16176, -7952, 2571, 3085), 4), I16(-1365, -819, -273, -1525, -1011, -497, 160, 192));
        Check(SimdOps.I16x8ShrS(I16(0, 1, 2, 3, 4, 5, 6, 7), 8), I16(0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8ShrS(I16(0, 1, 2, 3, 4, 5, 6, 7), 32), I16(0, 1, 2, 3, 4, 5, 6, 7));
        Check(SimdOps.I16x8ShrS(I16(0, 1, 2, 3, 4, 5, 6, 7), 128), I16(0, 1, 2, 3, 4, 5, 6, 7));
        Check(SimdOps.I16x8ShrS(I16(-128, -64, 0, 1, 2, 3, 4, 5), 17), I16(-64, -32, 0, 0, 1, 1, 2, 2));
        Check(SimdOps.I32x4Shl(I32(-2147483648, -32768, 0, 168496141), 1), I32(0, -65536, 0, 336992282));
        Check(SimdOps.I32x4Shl(I32(1234567890, 1234567890, 1234567890, 1234567890), 2), I32(643304264, 643304264, 643304264, 643304264));
        Check(SimdOps.I32x4Shl(I32(305419896, 305419896, 305419896, 305419896), 2), I32(1221679584, 1221679584, 1221679584, 1221679584));
        Check(SimdOps.I32x4Shl(I32(-1430532899, -285237072, -1060052752, 168496141), 4), I32(-1413689904, -268825856, 219025152, -1599029040));
        Check(SimdOps.I32x4Shl(I32(0, 1, 14, 15), 8), I32(0, 256, 3584, 3840));
        Check(SimdOps.I32x4Shl(I32(0, 1, 14, 15), 32), I32(0, 1, 14, 15));
        Check(SimdOps.I32x4Shl(I32(0, 1, 14, 15), 128), I32(0, 1, 14, 15));
        Check(SimdOps.I32x4Shl(I32(-2147483648, -32768, 0, 168496141), 33), I32(0, -65536, 0, 336992282));
        Check(SimdOps.I32x4ShrU(I32(-2147483648, -32768, 12, 13), 1), I32(1073741824, 2147467264, 6, 6));
        Check(SimdOps.I32x4ShrU(I32(1234567890, 1234567890, 1234567890, 1234567890), 2), I32(308641972, 308641972, 308641972, 308641972));
        Check(SimdOps.I32x4ShrU(I32(-1867788817, -1867788817, -1867788817, -1867788817), 2), I32(606794619, 606794619, 606794619, 606794619));
        Check(SimdOps.I32x4ShrU(I32(-1430532899, -285237072, -1060052752, 168496141), 4), I32(179027149, 250608139, 202182159, 10531008));
        Check(SimdOps.I32x4ShrU(I32(0, 1, 14, 15), 8), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4ShrU(I32(0, 1, 14, 15), 32), I32(0, 1, 14, 15));
        Check(SimdOps.I32x4ShrU(I32(0, 1, 14, 15), 128), I32(0, 1, 14, 15));
        Check(SimdOps.I32x4ShrU(I32(-2147483648, -32768, 12, 13), 33), I32(1073741824, 2147467264, 6, 6));
        Check(SimdOps.I32x4ShrS(I32(-2147483648, -32768, 12, 13), 1), I32(-1073741824, -16384, 6, 6));
        Check(SimdOps.I32x4ShrS(I32(1234567890, 1234567890, 1234567890, 1234567890), 2), I32(308641972, 308641972, 308641972, 308641972));
        Check(SimdOps.I32x4ShrS(I32(-1867788817, -1867788817, -1867788817, -1867788817), 2), I32(-466947205, -466947205, -466947205, -466947205));
        Check(SimdOps.I32x4ShrS(I32(-1430532899, -285237072, -1060052752, 168496141), 4), I32(-89408307, -17827317, -66253297, 10531008));
        Check(SimdOps.I32x4ShrS(I32(0, 1, 14, 15), 8), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4ShrS(I32(0, 1, 14, 15), 32), I32(0, 1, 14, 15));
        Check(SimdOps.I32x4ShrS(I32(0, 1, 14, 15), 128), I32(0, 1, 14, 15));
        Check(SimdOps.I32x4ShrS(I32(-2147483648, -32768, 12, 13), 33), I32(-1073741824, -16384, 6, 6));
        Check(SimdOps.I64x2Shl(I64(-9223372036854775808L, -2147483648L), 1), I64(0L, -4294967296L));
        Check(SimdOps.I64x2Shl(I64(1234567890123456789L, 1234567890123456789L), 2), I64(4938271560493827156L, 4938271560493827156L));
        Check(SimdOps.I64x2Shl(I64(1311768467294899695L, 1311768467294899695L), 2), I64(5247073869179598780L, 5247073869179598780L));
        Check(SimdOps.I64x2Shl(I64(-6144092013047340880L, -4552891901706302451L), 4), I64(-6071751840209696000L, 940705867537367248L));
        Check(SimdOps.I64x2Shl(I64(-6144092013047340880L, -4552891901706302451L), 8), I64(-4914309074807377920L, -3395450193111675648L));
        Check(SimdOps.I64x2Shl(I64(1L, 15L), 16), I64(65536L, 983040L));
        Check(SimdOps.I64x2Shl(I64(1L, 15L), 32), I64(4294967296L, 64424509440L));
        Check(SimdOps.I64x2Shl(I64(1L, 15L), 128), I64(1L, 15L));
        Check(SimdOps.I64x2ShrU(I64(-9223372036854775808L, -2147483648L), 1), I64(4611686018427387904L, 9223372035781033984L));
        Check(SimdOps.I64x2ShrU(I64(1234567890123456789L, 1234567890123456789L), 2), I64(308641972530864197L, 308641972530864197L));
        Check(SimdOps.I64x2ShrU(I64(-8022091882577968351L, -8022091882577968351L), 2), I64(2606163047782895816L, 2606163047782895816L));
        Check(SimdOps.I64x2ShrU(I64(-6144092013047340880L, -4552891901706302451L), 4), I64(768915753791388171L, 868365760750203072L));
        Check(SimdOps.I64x2ShrU(I64(-6144092013047340880L, -4552891901706302451L), 8), I64(48057234611961760L, 54272860046887692L));
        Check(SimdOps.I64x2ShrU(I64(1L, 15L), 16), I64(0L, 0L));
        Check(SimdOps.I64x2ShrU(I64(1L, 15L), 32), I64(0L, 0L));
        Check(SimdOps.I64x2ShrU(I64(1L, 15L), 128), I64(1L, 15L));
        Check(SimdOps.I64x2ShrS(I64(-9223372036854775808L, -2147483648L), 1), I64(-4611686018427387904L, -1073741824L));
        Check(SimdOps.I64x2ShrS(I64(1234567890123456789L, 1234567890123456789L), 2), I64(308641972530864197L, 308641972530864197L));
        Check(SimdOps.I64x2ShrS(I64(-8022091882577968351L, -8022091882577968351L), 2), I64(-2005522970644492088L, -2005522970644492088L));
        Check(SimdOps.I64x2ShrS(I64(-6144092013047340880L, -4552891901706302451L), 4), I64(-384005750815458805L, -284555743856643904L));
        Check(SimdOps.I64x2ShrS(I64(-24000359425966176L, -4552891901706302451L), 8), I64(-93751404007681L, -17784733991040244L));
        Check(SimdOps.I64x2ShrS(I64(1L, 15L), 16), I64(0L, 0L));
        Check(SimdOps.I64x2ShrS(I64(1L, 15L), 32), I64(0L, 0L));
        Check(SimdOps.I64x2ShrS(I64(1L, 15L), 128), I64(1L, 15L));
    }
}
