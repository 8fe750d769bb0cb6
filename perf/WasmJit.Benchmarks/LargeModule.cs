namespace WasmJit.Benchmarks;

/// <summary>
/// A generated ~30 MB module for decode + validate throughput: 30,000 functions of about 1 KB each mixing i32
/// arithmetic, locals, loads, blocks, loops, <c>br_if</c>, <c>if</c>/<c>else</c> with f64 conversions, and calls,
/// i.e. the shape of compiled C rather than one instruction repeated. Encoded directly (no text round trip) and
/// deterministic, so its size is known to the throughput column in the host process.
/// </summary>
internal static class LargeModule
{
    public const int FunctionCount = 30_000;
    private const int RepeatsPerFunction = 14;

    public static byte[] Bytes => s_bytes.Value;

    private static readonly Lazy<byte[]> s_bytes = new(Build);

    private static byte[] Build()
    {
        var m = new List<byte> { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
        // type 0: (i32 i32) -> i32
        Section(m, 1, [0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]);
        var funcs = new List<byte>();
        Leb(funcs, FunctionCount);
        for (int f = 0; f < FunctionCount; f++)
        {
            funcs.Add(0x00);
        }
        Section(m, 3, funcs);
        Section(m, 5, [0x01, 0x00, 0x01]); // one memory, min 1 page
        Section(m, 7, [0x01, 0x02, (byte)'f', (byte)'0', 0x00, 0x00]); // export "f0" = func 0
        var code = new List<byte>(32 << 20);
        Leb(code, FunctionCount);
        var body = new List<byte>(2048);
        for (int f = 0; f < FunctionCount; f++)
        {
            body.Clear();
            body.AddRange([0x01, 0x02, 0x7f]); // locals 2 and 3: i32
            for (int r = 0; r < RepeatsPerFunction; r++)
            {
                int k = ((f * 31) + (r * 7)) % 4096;
                body.AddRange([0x20, 0x00, 0x41]); // local.get 0; i32.const k
                Leb(body, k);
                body.AddRange([0x6a, 0x22, 0x02, 0x41, 0x03, 0x74, 0x20, 0x01, 0x73, 0x21, 0x03]); // add, tee 2, <<3, ^l1, set 3
                body.AddRange([0x02, 0x40, 0x20, 0x03, 0x0d, 0x00, 0x20, 0x02, 0x28, 0x02]); // block; br_if 0 l3; i32.load
                Leb(body, k);
                body.AddRange([0x21, 0x01, 0x0b]); // set 1; end
                body.AddRange([0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00, 0x0b]); // loop: l0 -= 1 while != 0
                body.AddRange([0x20, 0x02, 0x04, 0x7f, 0x20, 0x03, 0x05, 0x20, 0x00, 0xb7, 0x44]); // if (result i32) l3 else f64(l0) *
                body.AddRange(BitConverter.GetBytes(1.5 + r));
                body.AddRange([0xa2, 0xaa, 0x0b, 0x21, 0x03]); // f64.mul; i32.trunc_f64_s; end; set 3
                if (f > 0)
                {
                    body.AddRange([0x20, 0x00, 0x20, 0x01, 0x10]); // call f-1
                    Leb(body, f - 1);
                    body.AddRange([0x21, 0x01]);
                }
            }
            body.AddRange([0x20, 0x03, 0x0b]); // local.get 3; end
            Leb(code, body.Count);
            code.AddRange(body);
        }
        Section(m, 10, code);
        return [.. m];
    }

    private static void Section(List<byte> m, byte id, List<byte> payload)
    {
        m.Add(id);
        Leb(m, payload.Count);
        m.AddRange(payload);
    }

    private static void Leb(List<byte> b, int value)
    {
        uint v = (uint)value;
        do
        {
            byte x = (byte)(v & 0x7f);
            v >>= 7;
            b.Add(v != 0 ? (byte)(x | 0x80) : x);
        }
        while (v != 0);
    }
}
