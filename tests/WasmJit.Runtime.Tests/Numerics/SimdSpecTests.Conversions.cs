using WasmJit.Runtime.Numerics;
using static WasmJit.Runtime.Tests.Numerics.Bits;

namespace WasmJit.Runtime.Tests.Numerics;

// Generated once from the core/simd_*.wast assertions named by each test (a capped selection per instruction that
// favours NaN, infinity and boundary lanes); expected values are the spec's.
public partial class SimdSpecTests
{
    /// <summary>core/simd_conversions.wast</summary>
    [Fact]
    public void SimdConversions()
    {
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u)), F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u)), F64x2Bits(0x8000000000000000UL, 0x8000000000000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0x00000001u, 0x00000001u, 0x00000001u, 0x00000001u)), F64x2Bits(0x36a0000000000000UL, 0x36a0000000000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0x80000001u, 0x80000001u, 0x80000001u, 0x80000001u)), F64x2Bits(0xb6a0000000000000UL, 0xb6a0000000000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0x3f800000u, 0x3f800000u, 0x3f800000u, 0x3f800000u)), F64x2Bits(0x3ff0000000000000UL, 0x3ff0000000000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0xbf800000u, 0xbf800000u, 0xbf800000u, 0xbf800000u)), F64x2Bits(0xbff0000000000000UL, 0xbff0000000000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0xff7fffffu, 0xff7fffffu, 0xff7fffffu, 0xff7fffffu)), F64x2Bits(0xc7efffffe0000000UL, 0xc7efffffe0000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0x7f7fffffu, 0x7f7fffffu, 0x7f7fffffu, 0x7f7fffffu)), F64x2Bits(0x47efffffe0000000UL, 0x47efffffe0000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0x7f800000u, 0x7f800000u, 0x7f800000u, 0x7f800000u)), F64x2Bits(0x7ff0000000000000UL, 0x7ff0000000000000UL));
        Check(SimdOps.F64x2PromoteLowF32x4(F32x4Bits(0xff800000u, 0xff800000u, 0xff800000u, 0xff800000u)), F64x2Bits(0xfff0000000000000UL, 0xfff0000000000000UL));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL)), F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0x8000000000000000UL, 0x8000000000000000UL)), F32x4Bits(0x80000000u, 0x80000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0x0000000000000001UL, 0x0000000000000001UL)), F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0x8000000000000001UL, 0x8000000000000001UL)), F32x4Bits(0x80000000u, 0x80000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0x3ff0000000000000UL, 0x3ff0000000000000UL)), F32x4Bits(0x3f800000u, 0x3f800000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0xbff0000000000000UL, 0xbff0000000000000UL)), F32x4Bits(0xbf800000u, 0xbf800000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0x380fffffe0000000UL, 0x380fffffe0000000UL)), F32x4Bits(0x00800000u, 0x00800000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0xb80fffffe0000000UL, 0xb80fffffe0000000UL)), F32x4Bits(0x80800000u, 0x80800000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0xb80fffffdfffffffUL, 0xb80fffffdfffffffUL)), F32x4Bits(0x807fffffu, 0x807fffffu, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4DemoteF64x2Zero(F64x2Bits(0xb6a0000000000000UL, 0xb6a0000000000000UL)), F32x4Bits(0x80000001u, 0x80000001u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(0, 0, 0, 0)), F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(1, 1, 1, 1)), F32x4Bits(0x3f800000u, 0x3f800000u, 0x3f800000u, 0x3f800000u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(-1, -1, -1, -1)), F32x4Bits(0xbf800000u, 0xbf800000u, 0xbf800000u, 0xbf800000u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(2147483647, 2147483647, 2147483647, 2147483647)), F32x4Bits(0x4f000000u, 0x4f000000u, 0x4f000000u, 0x4f000000u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(-2147483648, -2147483648, -2147483648, -2147483648)), F32x4Bits(0xcf000000u, 0xcf000000u, 0xcf000000u, 0xcf000000u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(1234567890, 1234567890, 1234567890, 1234567890)), F32x4Bits(0x4e932c06u, 0x4e932c06u, 0x4e932c06u, 0x4e932c06u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(123456792, 123456792, 123456792, 123456792)), F32x4Bits(0x4ceb79a3u, 0x4ceb79a3u, 0x4ceb79a3u, 0x4ceb79a3u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(305419904, 305419904, 305419904, 305419904)), F32x4Bits(0x4d91a2b4u, 0x4d91a2b4u, 0x4d91a2b4u, 0x4d91a2b4u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(16777217, 16777217, 16777217, 16777217)), F32x4Bits(0x4b800000u, 0x4b800000u, 0x4b800000u, 0x4b800000u));
        Check(SimdOps.F32x4ConvertI32x4S(I32(0, -1, 2147483647, -2147483648)), F32x4Bits(0x00000000u, 0xbf800000u, 0x4f000000u, 0xcf000000u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(0, 0, 0, 0)), F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(1, 1, 1, 1)), F32x4Bits(0x3f800000u, 0x3f800000u, 0x3f800000u, 0x3f800000u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(-1, -1, -1, -1)), F32x4Bits(0x4f800000u, 0x4f800000u, 0x4f800000u, 0x4f800000u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(2147483647, 2147483647, 2147483647, 2147483647)), F32x4Bits(0x4f000000u, 0x4f000000u, 0x4f000000u, 0x4f000000u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(-2147483648, -2147483648, -2147483648, -2147483648)), F32x4Bits(0x4f000000u, 0x4f000000u, 0x4f000000u, 0x4f000000u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(305419896, 305419896, 305419896, 305419896)), F32x4Bits(0x4d91a2b4u, 0x4d91a2b4u, 0x4d91a2b4u, 0x4d91a2b4u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(-2147483520, -2147483520, -2147483520, -2147483520)), F32x4Bits(0x4f000000u, 0x4f000000u, 0x4f000000u, 0x4f000000u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(-2147483519, -2147483519, -2147483519, -2147483519)), F32x4Bits(0x4f000001u, 0x4f000001u, 0x4f000001u, 0x4f000001u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(-2147483518, -2147483518, -2147483518, -2147483518)), F32x4Bits(0x4f000001u, 0x4f000001u, 0x4f000001u, 0x4f000001u));
        Check(SimdOps.F32x4ConvertI32x4U(I32(0, -1, 2147483647, -2147483648)), F32x4Bits(0x00000000u, 0x4f800000u, 0x4f000000u, 0x4f000000u));
        Check(SimdOps.F64x2ConvertLowI32x4S(I32(1, 1, 0, 0)), F64x2Bits(0x3ff0000000000000UL, 0x3ff0000000000000UL));
        Check(SimdOps.F64x2ConvertLowI32x4S(I32(-1, -1, 0, 0)), F64x2Bits(0xbff0000000000000UL, 0xbff0000000000000UL));
        Check(SimdOps.F64x2ConvertLowI32x4S(I32(0, 0, 0, 0)), F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL));
        Check(SimdOps.F64x2ConvertLowI32x4S(I32(2147483647, 2147483647, 0, 0)), F64x2Bits(0x41dfffffffc00000UL, 0x41dfffffffc00000UL));
        Check(SimdOps.F64x2ConvertLowI32x4S(I32(-2147483648, -2147483648, 0, 0)), F64x2Bits(0xc1e0000000000000UL, 0xc1e0000000000000UL));
        Check(SimdOps.F64x2ConvertLowI32x4S(I32(987654321, 987654321, 0, 0)), F64x2Bits(0x41cd6f3458800000UL, 0x41cd6f3458800000UL));
        Check(SimdOps.F64x2ConvertLowI32x4U(I32(1, 1, 0, 0)), F64x2Bits(0x3ff0000000000000UL, 0x3ff0000000000000UL));
        Check(SimdOps.F64x2ConvertLowI32x4U(I32(0, 0, 0, 0)), F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL));
        Check(SimdOps.F64x2ConvertLowI32x4U(I32(2147483647, 2147483647, 0, 0)), F64x2Bits(0x41dfffffffc00000UL, 0x41dfffffffc00000UL));
        Check(SimdOps.F64x2ConvertLowI32x4U(I32(-2147483648, -2147483648, 0, 0)), F64x2Bits(0x41e0000000000000UL, 0x41e0000000000000UL));
        Check(SimdOps.F64x2ConvertLowI32x4U(I32(-1, -1, 0, 0)), F64x2Bits(0x41efffffffe00000UL, 0x41efffffffe00000UL));
        Check(SimdOps.I8x16NarrowI16x8S(I16(0, 0, 0, 0, 0, 0, 0, 0), I16(0, 0, 0, 0, 0, 0, 0, 0)), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16NarrowI16x8S(I16(0, 0, 0, 0, 0, 0, 0, 0), I16(1, 1, 1, 1, 1, 1, 1, 1)), I8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1));
        Check(SimdOps.I8x16NarrowI16x8S(I16(1, 1, 1, 1, 1, 1, 1, 1), I16(0, 0, 0, 0, 0, 0, 0, 0)), I8(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16NarrowI16x8S(I16(0, 0, 0, 0, 0, 0, 0, 0), I16(-1, -1, -1, -1, -1, -1, -1, -1)), I8(0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1));
        Check(SimdOps.I8x16NarrowI16x8S(I16(-1, -1, -1, -1, -1, -1, -1, -1), I16(0, 0, 0, 0, 0, 0, 0, 0)), I8(-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16NarrowI16x8S(I16(128, 128, 128, 128, 128, 128, 128, 128), I16(128, 128, 128, 128, 128, 128, 128, 128)), I8(127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127));
        Check(SimdOps.I8x16NarrowI16x8S(I16(127, 127, 127, 127, 127, 127, 127, 127), I16(128, 128, 128, 128, 128, 128, 128, 128)), I8(127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127));
        Check(SimdOps.I8x16NarrowI16x8S(I16(128, 128, 128, 128, 128, 128, 128, 128), I16(127, 127, 127, 127, 127, 127, 127, 127)), I8(127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127));
        Check(SimdOps.I8x16NarrowI16x8S(I16(-127, -127, -127, -127, -127, -127, -127, -127), I16(-128, -128, -128, -128, -128, -128, -128, -128)), I8(-127, -127, -127, -127, -127, -127, -127, -127, -128, -128, -128, -128, -128, -128, -128, -128));
        Check(SimdOps.I8x16NarrowI16x8S(I16(-128, -128, -128, -128, -128, -128, -128, -128), I16(-127, -127, -127, -127, -127, -127, -127, -127)), I8(-128, -128, -128, -128, -128, -128, -128, -128, -127, -127, -127, -127, -127, -127, -127, -127));
        Check(SimdOps.I8x16NarrowI16x8U(I16(0, 0, 0, 0, 0, 0, 0, 0), I16(0, 0, 0, 0, 0, 0, 0, 0)), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16NarrowI16x8U(I16(0, 0, 0, 0, 0, 0, 0, 0), I16(1, 1, 1, 1, 1, 1, 1, 1)), I8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1));
        Check(SimdOps.I8x16NarrowI16x8U(I16(1, 1, 1, 1, 1, 1, 1, 1), I16(0, 0, 0, 0, 0, 0, 0, 0)), I8(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16NarrowI16x8U(I16(0, 0, 0, 0, 0, 0, 0, 0), I16(-1, -1, -1, -1, -1, -1, -1, -1)), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16NarrowI16x8U(I16(-1, -1, -1, -1, -1, -1, -1, -1), I16(0, 0, 0, 0, 0, 0, 0, 0)), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16NarrowI16x8U(I16(1, 1, 1, 1, 1, 1, 1, 1), I16(-1, -1, -1, -1, -1, -1, -1, -1)), I8(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I8x16NarrowI16x8U(I16(128, 128, 128, 128, 128, 128, 128, 128), I16(128, 128, 128, 128, 128, 128, 128, 128)), I8(-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128));
        Check(SimdOps.I8x16NarrowI16x8U(I16(127, 127, 127, 127, 127, 127, 127, 127), I16(128, 128, 128, 128, 128, 128, 128, 128)), I8(127, 127, 127, 127, 127, 127, 127, 127, -128, -128, -128, -128, -128, -128, -128, -128));
        Check(SimdOps.I8x16NarrowI16x8U(I16(128, 128, 128, 128, 128, 128, 128, 128), I16(127, 127, 127, 127, 127, 127, 127, 127)), I8(-128, -128, -128, -128, -128, -128, -128, -128, 127, 127, 127, 127, 127, 127, 127, 127));
        Check(SimdOps.I8x16NarrowI16x8U(I16(-32768, -32768, -32768, -32768, -32768, -32768, -32768, -32768), I16(-1, -1, -1, -1, -1, -1, -1, -1)), I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4S(I32(0, 0, 0, 0), I32(0, 0, 0, 0)), I16(0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4S(I32(0, 0, 0, 0), I32(1, 1, 1, 1)), I16(0, 0, 0, 0, 1, 1, 1, 1));
        Check(SimdOps.I16x8NarrowI32x4S(I32(1, 1, 1, 1), I32(0, 0, 0, 0)), I16(1, 1, 1, 1, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4S(I32(0, 0, 0, 0), I32(-1, -1, -1, -1)), I16(0, 0, 0, 0, -1, -1, -1, -1));
        Check(SimdOps.I16x8NarrowI32x4S(I32(-1, -1, -1, -1), I32(0, 0, 0, 0)), I16(-1, -1, -1, -1, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4S(I32(32768, 32768, 32768, 32768), I32(32768, 32768, 32768, 32768)), I16(32767, 32767, 32767, 32767, 32767, 32767, 32767, 32767));
        Check(SimdOps.I16x8NarrowI32x4S(I32(32767, 32767, 32767, 32767), I32(32768, 32768, 32768, 32768)), I16(32767, 32767, 32767, 32767, 32767, 32767, 32767, 32767));
        Check(SimdOps.I16x8NarrowI32x4S(I32(32768, 32768, 32768, 32768), I32(32767, 32767, 32767, 32767)), I16(32767, 32767, 32767, 32767, 32767, 32767, 32767, 32767));
        Check(SimdOps.I16x8NarrowI32x4S(I32(-32767, -32767, -32767, -32767), I32(-32768, -32768, -32768, -32768)), I16(-32767, -32767, -32767, -32767, -32768, -32768, -32768, -32768));
        Check(SimdOps.I16x8NarrowI32x4S(I32(-32768, -32768, -32768, -32768), I32(-32767, -32767, -32767, -32767)), I16(-32768, -32768, -32768, -32768, -32767, -32767, -32767, -32767));
        Check(SimdOps.I16x8NarrowI32x4U(I32(0, 0, 0, 0), I32(0, 0, 0, 0)), I16(0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4U(I32(0, 0, 0, 0), I32(1, 1, 1, 1)), I16(0, 0, 0, 0, 1, 1, 1, 1));
        Check(SimdOps.I16x8NarrowI32x4U(I32(1, 1, 1, 1), I32(0, 0, 0, 0)), I16(1, 1, 1, 1, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4U(I32(0, 0, 0, 0), I32(-1, -1, -1, -1)), I16(0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4U(I32(-1, -1, -1, -1), I32(0, 0, 0, 0)), I16(0, 0, 0, 0, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4U(I32(1, 1, 1, 1), I32(-1, -1, -1, -1)), I16(1, 1, 1, 1, 0, 0, 0, 0));
        Check(SimdOps.I16x8NarrowI32x4U(I32(-1, -1, -1, -1), I32(1, 1, 1, 1)), I16(0, 0, 0, 0, 1, 1, 1, 1));
        Check(SimdOps.I16x8NarrowI32x4U(I32(65534, 65534, 65534, 65534), I32(65535, 65535, 65535, 65535)), I16(-2, -2, -2, -2, -1, -1, -1, -1));
        Check(SimdOps.I16x8NarrowI32x4U(I32(65535, 65535, 65535, 65535), I32(65534, 65534, 65534, 65534)), I16(-1, -1, -1, -1, -2, -2, -2, -2));
        Check(SimdOps.I16x8NarrowI32x4U(I32(-2147483648, -2147483648, -2147483648, -2147483648), I32(-1, -1, -1, -1)), I16(0, 0, 0, 0, 0, 0, 0, 0));
    }

    /// <summary>core/simd_i32x4_trunc_sat_f32x4.wast</summary>
    [Fact]
    public void SimdI32x4TruncSatF32x4()
    {
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0x3fc00000u, 0x3fc00000u, 0x3fc00000u, 0x3fc00000u)), I32(1, 1, 1, 1));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0xbfc00000u, 0xbfc00000u, 0xbfc00000u, 0xbfc00000u)), I32(-1, -1, -1, -1));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0x3ff33333u, 0x3ff33333u, 0x3ff33333u, 0x3ff33333u)), I32(1, 1, 1, 1));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0x40000000u, 0x40000000u, 0x40000000u, 0x40000000u)), I32(2, 2, 2, 2));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0x80000001u, 0x80000001u, 0x80000001u, 0x80000001u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0x80800000u, 0x80800000u, 0x80800000u, 0x80800000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0xbf000000u, 0xbf000000u, 0xbf000000u, 0xbf000000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4S(F32x4Bits(0xbf800000u, 0xbf800000u, 0xbf800000u, 0xbf800000u)), I32(-1, -1, -1, -1));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0x3fc00000u, 0x3fc00000u, 0x3fc00000u, 0x3fc00000u)), I32(1, 1, 1, 1));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0xbfc00000u, 0xbfc00000u, 0xbfc00000u, 0xbfc00000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0x3ff33333u, 0x3ff33333u, 0x3ff33333u, 0x3ff33333u)), I32(1, 1, 1, 1));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0x40000000u, 0x40000000u, 0x40000000u, 0x40000000u)), I32(2, 2, 2, 2));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0x80000001u, 0x80000001u, 0x80000001u, 0x80000001u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0x80800000u, 0x80800000u, 0x80800000u, 0x80800000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0xbf000000u, 0xbf000000u, 0xbf000000u, 0xbf000000u)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF32x4U(F32x4Bits(0xbf800000u, 0xbf800000u, 0xbf800000u, 0xbf800000u)), I32(0, 0, 0, 0));
    }

    /// <summary>core/simd_i32x4_trunc_sat_f64x2.wast</summary>
    [Fact]
    public void SimdI32x4TruncSatF64x2()
    {
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0x8000000000000000UL, 0x8000000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0x3ff8000000000000UL, 0x3ff8000000000000UL)), I32(1, 1, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0xbff8000000000000UL, 0xbff8000000000000UL)), I32(-1, -1, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0x3ffe666666666666UL, 0x3ffe666666666666UL)), I32(1, 1, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0x4000000000000000UL, 0x4000000000000000UL)), I32(2, 2, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0xb6a0000000000000UL, 0xb6a0000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0xb810000000000000UL, 0xb810000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0xbfe0000000000000UL, 0xbfe0000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2SZero(F64x2Bits(0xbff0000000000000UL, 0xbff0000000000000UL)), I32(-1, -1, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0x0000000000000000UL, 0x0000000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0x8000000000000000UL, 0x8000000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0x3ff8000000000000UL, 0x3ff8000000000000UL)), I32(1, 1, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0xbff8000000000000UL, 0xbff8000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0x3ffe666666666666UL, 0x3ffe666666666666UL)), I32(1, 1, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0x4000000000000000UL, 0x4000000000000000UL)), I32(2, 2, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0xb6a0000000000000UL, 0xb6a0000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0xb810000000000000UL, 0xb810000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0xbfe0000000000000UL, 0xbfe0000000000000UL)), I32(0, 0, 0, 0));
        Check(SimdOps.I32x4TruncSatF64x2UZero(F64x2Bits(0xbff0000000000000UL, 0xbff0000000000000UL)), I32(0, 0, 0, 0));
    }
}
