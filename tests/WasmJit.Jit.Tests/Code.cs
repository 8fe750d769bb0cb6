namespace WasmJit.Jit.Tests;

/// <summary>Assembles instruction bytes for hand-written test functions.</summary>
internal sealed class Code
{
    private readonly List<byte> _b = [];

    public byte[] Bytes => [.. _b];

    public Code Op(params byte[] bytes)
    {
        _b.AddRange(bytes);
        return this;
    }

    public Code U(ulong v)
    {
        do
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            _b.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
        return this;
    }

    public Code S(long v)
    {
        while (true)
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            _b.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return this;
            }
        }
    }

    public Code I32(int v) => Op(0x41).S(v);
    public Code I64(long v) => Op(0x42).S(v);
    public Code F64(double v) => Op(0x44).Op(BitConverter.GetBytes(v));
    public Code Get(int i) => Op(0x20).U((uint)i);
    public Code Set(int i) => Op(0x21).U((uint)i);
    public Code Tee(int i) => Op(0x22).U((uint)i);
    public Code Call(int f) => Op(0x10).U((uint)f);
    public Code Block(byte bt = 0x40) => Op(0x02, bt);
    public Code Loop(byte bt = 0x40) => Op(0x03, bt);
    public Code If(byte bt = 0x40) => Op(0x04, bt);
    public Code Else() => Op(0x05);
    public Code End() => Op(0x0b);
    public Code Br(int d) => Op(0x0c).U((uint)d);
    public Code BrIf(int d) => Op(0x0d).U((uint)d);
    public Code Mem(byte op, uint offset = 0, uint align = 0) => Op(op).U(align).U(offset);
    public Code Simd(uint sub) => Op(0xfd).U(sub);

    public const byte I32T = 0x7f, I64T = 0x7e, F32T = 0x7d, F64T = 0x7c, V128T = 0x7b, FuncRefT = 0x70;
    public const byte I32Add = 0x6a, I32Sub = 0x6b, I32Mul = 0x6c, I32LtS = 0x48, I32Eqz = 0x45, I32GtS = 0x4a;
    public const byte I32Load = 0x28, I32Store = 0x36, I64Load = 0x29, I32Load8U = 0x2d;
}
