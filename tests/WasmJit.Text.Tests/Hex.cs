namespace WasmJit.Text.Tests;

/// <summary>Helpers to write expected binaries by hand and to pick sections out of an encoded module.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>Contents of the first section with this id (after its size), or null.</summary>
    public static byte[]? Section(byte[] module, byte id)
    {
        int p = 8;
        while (p < module.Length)
        {
            byte sid = module[p++];
            uint size = ReadU32(module, ref p);
            if (sid == id)
            {
                return module.AsSpan(p, (int)size).ToArray();
            }
            p += (int)size;
        }
        return null;
    }

    /// <summary>The code of function body <paramref name="index"/> (locals included), from the code section.</summary>
    public static byte[] Body(byte[] module, int index)
    {
        var code = Section(module, 10) ?? throw new InvalidOperationException("no code section");
        int p = 0;
        uint count = ReadU32(code, ref p);
        Assert.True(index < count);
        for (int i = 0; ; i++)
        {
            uint size = ReadU32(code, ref p);
            if (i == index)
            {
                return code.AsSpan(p, (int)size).ToArray();
            }
            p += (int)size;
        }
    }

    public static uint ReadU32(byte[] b, ref int p)
    {
        uint v = 0;
        int shift = 0;
        while (true)
        {
            byte x = b[p++];
            v |= (uint)(x & 0x7f) << shift;
            if ((x & 0x80) == 0)
            {
                return v;
            }
            shift += 7;
        }
    }
}
