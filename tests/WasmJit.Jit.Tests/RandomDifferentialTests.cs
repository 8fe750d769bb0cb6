using WasmJit.Runtime;

namespace WasmJit.Jit.Tests;

using Store = WasmJit.Runtime.Store;

/// <summary>
/// Randomized differential tests: generated straight-line arithmetic functions (every i32/i64/f32/f64 unary,
/// binary, comparison and conversion operator of the opcode table, nested to random depth, over parameters and
/// constants that include the edge values) run in the interpreter and the JIT on random inputs; results must have
/// the same bits, or trap with the same kind. Seeds are fixed, so a failure reproduces.
/// </summary>
public class RandomDifferentialTests
{
    private static readonly ValKind[] Kinds = [ValKind.I32, ValKind.I64, ValKind.F32, ValKind.F64];

    /// <summary>Numeric operators by result kind: (opcode, operand kinds).</summary>
    private static readonly Dictionary<ValKind, List<(Opcode Op, ValKind[] Operands)>> s_ops = BuildOps();

    private static Dictionary<ValKind, List<(Opcode, ValKind[])>> BuildOps()
    {
        var ops = Kinds.ToDictionary(k => k, _ => new List<(Opcode, ValKind[])>());
        foreach (var op in Enum.GetValues<Opcode>())
        {
            ref readonly var info = ref OpcodeTable.Info(op);
            if (!info.HasSignature || info.Prefix is not (0 or 0xfc) || info.Imm != ImmKind.None || KindOf(info.Push) is not { } push)
            {
                continue;
            }
            var pops = new List<ValKind>();
            bool ok = true;
            for (int i = 0; i < info.PopCount; i++)
            {
                if (KindOf(info.Pop(i)) is { } k)
                {
                    pops.Add(k);
                }
                else
                {
                    ok = false;
                }
            }
            if (ok && pops.Count is 1 or 2)
            {
                ops[push].Add((op, [.. pops]));
            }
        }
        return ops;
    }

    private static ValKind? KindOf(SigType t) => t switch
    {
        SigType.I32 => ValKind.I32,
        SigType.I64 => ValKind.I64,
        SigType.F32 => ValKind.F32,
        SigType.F64 => ValKind.F64,
        _ => null,
    };

    private static readonly ulong[] s_edgeBits =
    [
        0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fffffffffffffff, 0x8000000000000000, ulong.MaxValue,
        0x7fc00000, 0x7fa00000, 0xff800000, 0x7f800000, 0x3f800000, 0x4f000000, 0xcf000000,
        0x7ff8000000000000, 0x7ff4000000000000, 0xfff0000000000000, 0x3ff0000000000000, 0x43e0000000000000, 0x41e0000000000000,
    ];

    private static ulong RandomBits(Random r, ValKind k)
    {
        ulong bits = r.Next(3) == 0 ? (ulong)r.NextInt64() : s_edgeBits[r.Next(s_edgeBits.Length)];
        if (r.Next(4) == 0)
        {
            bits = (ulong)r.Next(-100, 100);
        }
        return k is ValKind.I32 or ValKind.F32 ? (uint)bits : bits;
    }

    private static string EmitExpr(Code c, Random r, ValKind kind, int depth, ValKind[] ps)
    {
        if (depth == 0 || r.Next(5) == 0)
        {
            int p = Array.IndexOf(ps, kind);
            if (p >= 0 && r.Next(2) == 0)
            {
                c.Get(p);
                return $"(local.get {p})";
            }
            ulong bits = RandomBits(r, kind);
            switch (kind)
            {
                case ValKind.I32: c.I32((int)bits); break;
                case ValKind.I64: c.I64((long)bits); break;
                case ValKind.F32: c.Op(0x43).Op(BitConverter.GetBytes((uint)bits)); break;
                default: c.Op(0x44).Op(BitConverter.GetBytes(bits)); break;
            }
            return $"({kind.ToString().ToLowerInvariant()}.const 0x{bits:x})";
        }
        var (op, operands) = s_ops[kind][r.Next(s_ops[kind].Count)];
        var text = new List<string>();
        foreach (var k in operands)
        {
            text.Add(EmitExpr(c, r, k, depth - 1, ps));
        }
        ref readonly var info = ref OpcodeTable.Info(op);
        if (info.Prefix != 0)
        {
            c.Op(info.Prefix).U(info.Code);
        }
        else
        {
            c.Op((byte)info.Code);
        }
        return $"({info.Name} {string.Join(" ", text)})";
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void GeneratedArithmeticAgrees(int seed)
    {
        var r = new Random(seed);
        var m = new TestModule();
        var funcs = new List<(int Index, ValKind[] Params, string Text)>();
        for (int i = 0; i < 40; i++)
        {
            var ps = Enumerable.Range(0, 3).Select(_ => Kinds[r.Next(4)]).ToArray();
            var result = Kinds[r.Next(4)];
            var code = new Code();
            string text = EmitExpr(code, r, result, r.Next(1, 6), ps);
            int f = m.Func(TestModule.Sig([.. ps.Select(ToType)], ToType(result)), code);
            funcs.Add((f, ps, text));
        }
        var module = m.Build();
        var interp = new Store(new StoreOptions { Engine = EngineKind.Interpreter, Features = WasmFeatures.All });
        var jit = new Store(new StoreOptions { Engine = EngineKind.Jit, Features = WasmFeatures.All });
        var a = interp.Instantiate(module, _ => null);
        var b = jit.Instantiate(module, _ => null);
        int compared = 0;
        foreach (var (f, ps, text) in funcs)
        {
            for (int n = 0; n < 25; n++)
            {
                var args = ps.Select(k => Value(k, RandomBits(r, k))).ToArray();
                string x = Outcome(a.Functions[f], args), y = Outcome(b.Functions[f], args);
                Assert.True(x == y, $"seed {seed} func {f} {text} ({string.Join(", ", args)}): interp {x}, jit {y}");
                compared++;
            }
        }
        Assert.Equal(40 * 25, compared);
        Assert.IsType<JitCode>(((WasmFunction)b.Functions[funcs[0].Index]).Code);
    }

    private static ValType ToType(ValKind k) => k switch
    {
        ValKind.I32 => ValType.I32,
        ValKind.I64 => ValType.I64,
        ValKind.F32 => ValType.F32,
        _ => ValType.F64,
    };

    private static WasmValue Value(ValKind k, ulong bits) => k switch
    {
        ValKind.I32 => WasmValue.FromI32((int)bits),
        ValKind.I64 => WasmValue.FromI64((long)bits),
        ValKind.F32 => WasmValue.FromF32Bits((uint)bits),
        _ => WasmValue.FromF64Bits(bits),
    };

    private static string Outcome(FunctionInstance f, WasmValue[] args)
    {
        try
        {
            var v = f.Invoke(args)[0];
            // Wasm leaves open which payload a NaN computed from two NaN operands gets (any arithmetic NaN:
            // https://webassembly.github.io/spec/core/exec/numerics.html#nan-propagation), and the two tiers order
            // commutative operands differently; the bits must still agree for everything else, including a single
            // NaN operand's payload and non-arithmetic NaNs (abs, neg, copysign, loads, constants).
            bool arithmeticNaN = v.Type.Kind switch
            {
                ValKind.F32 => float.IsNaN(v.F32) && (v.F32Bits & 0x0040_0000) != 0,
                ValKind.F64 => double.IsNaN(v.F64) && (v.F64Bits & 0x0008_0000_0000_0000) != 0,
                _ => false,
            };
            return arithmeticNaN ? $"{v.Type.Kind}:arithmetic NaN" : $"{v.Type.Kind}:{v.Lo:x}";
        }
        catch (WasmTrapException e)
        {
            return $"trap {e.Kind}";
        }
    }
}
