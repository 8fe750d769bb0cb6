using System.Runtime.Intrinsics;

namespace WasmJit.Runtime.Tests.Numerics;

/// <summary>
/// Random operands biased toward the values where wasm semantics and a naive implementation part ways: lane
/// boundaries, NaNs with and without payload (quiet and signalling), signed zeros, infinities, rounding ties and the
/// exact edges of every float-to-int range.
/// </summary>
internal static class EdgeValues
{
    private static readonly byte[] s_i8 = [0, 1, 0x0f, 0x10, 0x1f, 0x20, 0x7f, 0x80, 0x81, 0xfe, 0xff];

    private static readonly ushort[] s_i16 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x4000, 0x7fff, 0x8000, 0x8001, 0xc000, 0xff00, 0xffff];

    private static readonly uint[] s_i32 =
    [
        0, 1, 0x7fff, 0x8000, 0xffff, 0x1_0000, 0x7fff_ffff, 0x8000_0000, 0x8000_0001, 0xffff_ffff,
        // f32: +-0, +-inf, NaNs (canonical, signalling, with payload, negative), halves and ties, range edges.
        0x8000_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0xffc0_0000, 0x7f80_0001, 0x7fa0_0000, 0xffa1_2345, 0x7fc1_2345,
        0x3f00_0000, 0xbf00_0000, 0x3fc0_0000, 0x4020_0000, 0xc020_0000, 0x3f7f_ffff, 0xbf7f_ffff, 0x3f80_0000, 0xbf80_0000,
        0x4b00_0000, 0x4aff_ffff, 0x4b7f_ffff, 0xcaff_ffff,
        0x4f00_0000, 0x4eff_ffff, 0xcf00_0000, 0xcf00_0001, 0x4f80_0000, 0x4f7f_ffff, 0x5f00_0000, 0xdf00_0000, 0x5f80_0000,
        0x0000_0001, 0x8000_0001, 0x007f_ffff, 0x0080_0000, 0x7f7f_ffff, 0xff7f_ffff,
    ];

    private static readonly ulong[] s_i64 =
    [
        0, 1, 0xffff_ffff, 0x1_0000_0000, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, 0xffff_ffff_ffff_ffff,
        // f64: +-0, +-inf, NaNs (canonical, signalling, payloads that survive and that vanish in a demote), halves.
        0x8000_0000_0000_0000, 0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000, 0x7ff8_0000_0000_0000, 0xfff8_0000_0000_0000,
        0x7ff0_0000_0000_0001, 0x7ff4_0000_0000_0000, 0x7ff0_0000_2000_0000, 0xfff8_0000_1fff_ffff, 0x7ffc_0000_0000_1234,
        0x3fe0_0000_0000_0000, 0xbfe0_0000_0000_0000, 0x3ff8_0000_0000_0000, 0x4004_0000_0000_0000, 0xc004_0000_0000_0000,
        0x3fef_ffff_ffff_ffff, 0xbfef_ffff_ffff_ffff, 0xbfec_cccc_cccc_cccd, 0x3ff0_0000_0000_0000, 0xbff0_0000_0000_0000,
        0x4330_0000_0000_0000, 0x432f_ffff_ffff_ffff, 0xc32f_ffff_ffff_ffff,
        // 2147483647, 2147483647.5, 2147483648, -2147483648, -2147483648.5, -2147483649, 4294967295, 4294967295.5, 4294967296
        0x41df_ffff_ffc0_0000, 0x41df_ffff_ffe0_0000, 0x41e0_0000_0000_0000, 0xc1e0_0000_0000_0000, 0xc1e0_0000_0010_0000,
        0xc1e0_0000_0020_0000, 0x41ef_ffff_ffe0_0000, 0x41ef_ffff_fff0_0000, 0x41f0_0000_0000_0000,
        // f32 demote edges: FLT_MAX, halfway above it, smallest f32 subnormal and half of it; f64 extremes.
        0x47ef_ffff_e000_0000, 0x47ef_ffff_f000_0000, 0x36a0_0000_0000_0000, 0x3690_0000_0000_0000,
        0x0000_0000_0000_0001, 0x0010_0000_0000_0000, 0x7fef_ffff_ffff_ffff, 0x43e0_0000_0000_0000, 0x43f0_0000_0000_0000,
    ];

    private static readonly int[] s_counts = [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 255, -1, -8, int.MaxValue, int.MinValue];

    public static Vector128<byte> Vector(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        int width = 1 << rng.Next(4); // lane width in bytes: the shape the edge values are planted in
        for (int offset = 0; offset < 16; offset += width)
        {
            if (rng.Next(3) == 0)
            {
                continue; // keep random bits in this lane
            }

            var lane = bytes.Slice(offset, width);
            switch (width)
            {
                case 1: lane[0] = Pick(rng, s_i8); break;
                case 2: BitConverter.TryWriteBytes(lane, Pick(rng, s_i16)); break;
                case 4: BitConverter.TryWriteBytes(lane, Pick(rng, s_i32)); break;
                default: BitConverter.TryWriteBytes(lane, Pick(rng, s_i64)); break;
            }
        }

        return Vector128.Create<byte>(bytes);
    }

    public static int Count(Random rng) => rng.Next(2) == 0 ? Pick(rng, s_counts) : rng.Next();

    public static float F32(Random rng) => rng.Next(2) == 0 ? Bits.F32(Pick(rng, s_i32)) : Bits.F32((uint)rng.NextInt64());

    public static double F64(Random rng) => rng.Next(2) == 0 ? Bits.F64(Pick(rng, s_i64)) : Bits.F64((ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63));

    /// <summary>A stable seed per name, so a failure reproduces.</summary>
    public static Random Seeded(string name)
    {
        int seed = 17;
        foreach (char c in name)
        {
            seed = (seed * 31) + c;
        }

        return new Random(seed);
    }

    private static T Pick<T>(Random rng, T[] values) => values[rng.Next(values.Length)];
}
