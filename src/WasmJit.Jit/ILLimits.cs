using System.Reflection;
using System.Reflection.Emit;

namespace WasmJit.Jit;

/// <summary>
/// RyuJIT compiles a method with MinOpts (no register allocation of locals, no loop optimisation: several times
/// slower) when it is too big (src/coreclr/jit/compiler.h, <c>DEFAULT_MIN_OPTS_*</c>): more than 60,000 bytes of IL,
/// 20,000 IL instructions, 2,000 basic blocks, 2,000 locals or 8,000 references to locals. DynamicMethods are
/// never re-tiered, so such a function would stay slow forever: the JIT tier refuses it instead (it stays
/// interpreted, and the tier-up event says which limit). The counts are taken from the emitted IL itself, which is
/// exactly what RyuJIT counts.
/// </summary>
internal static class ILLimits
{
    public const int MaxCodeSize = 60_000;
    public const int MaxInstructions = 20_000;
    public const int MaxBasicBlocks = 2_000;
    public const int MaxLocals = 2_000;
    public const int MaxLocalRefs = 8_000;

    private static readonly FieldInfo? s_stream = Field("m_ILStream");
    private static readonly FieldInfo? s_localCount = Field("m_localCount");

    private static readonly OpCode[] s_oneByte = new OpCode[256];
    private static readonly OpCode[] s_twoByte = new OpCode[256];

    static ILLimits()
    {
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)f.GetValue(null)!;
            if (op.Size == 1)
            {
                s_oneByte[(byte)op.Value] = op;
            }
            else
            {
                s_twoByte[(byte)op.Value] = op;
            }
        }
    }

    /// <summary>Null when RyuJIT will optimise the method, else which limit it passes.</summary>
    public static string? Check(ILGenerator il, int ilSize, int args)
    {
        if (ilSize > MaxCodeSize)
        {
            return $"IL size {ilSize} exceeds RyuJIT's optimization limit ({MaxCodeSize} bytes)";
        }
        int locals = s_localCount?.GetValue(il) is int n ? n : 0;
        if (locals + args > MaxLocals)
        {
            return $"{locals + args} locals exceed RyuJIT's optimization limit ({MaxLocals})";
        }
        if (s_stream?.GetValue(il) is not byte[] code)
        {
            return null;
        }
        var stats = Scan(code.AsSpan(0, Math.Min(ilSize, code.Length)));
        if (stats.Instructions > MaxInstructions)
        {
            return $"{stats.Instructions} IL instructions exceed RyuJIT's optimization limit ({MaxInstructions})";
        }
        if (stats.BasicBlocks > MaxBasicBlocks)
        {
            return $"{stats.BasicBlocks} basic blocks exceed RyuJIT's optimization limit ({MaxBasicBlocks})";
        }
        if (stats.LocalRefs > MaxLocalRefs)
        {
            return $"{stats.LocalRefs} local variable references exceed RyuJIT's optimization limit ({MaxLocalRefs})";
        }
        return null;
    }

    public readonly record struct Stats(int Instructions, int BasicBlocks, int LocalRefs);

    /// <summary>Counts IL instructions, basic blocks (entry, branch targets, and what follows a branch) and local/argument references.</summary>
    public static Stats Scan(ReadOnlySpan<byte> il)
    {
        var starts = new HashSet<int> { 0 };
        int instructions = 0, localRefs = 0;
        int pc = 0;
        while (pc < il.Length)
        {
            OpCode op;
            if (il[pc] == 0xFE && pc + 1 < il.Length)
            {
                op = s_twoByte[il[pc + 1]];
                pc += 2;
            }
            else
            {
                op = s_oneByte[il[pc]];
                pc += 1;
            }
            instructions++;
            int operand = OperandSize(op.OperandType, il, pc);
            if (op.Name is { } name && (name.StartsWith("ldloc", StringComparison.Ordinal) || name.StartsWith("stloc", StringComparison.Ordinal)
                || name.StartsWith("ldarg", StringComparison.Ordinal) || name.StartsWith("starg", StringComparison.Ordinal)))
            {
                localRefs++;
            }
            int next = pc + operand;
            switch (op.OperandType)
            {
                case OperandType.ShortInlineBrTarget:
                    starts.Add(next + (sbyte)il[pc]);
                    starts.Add(next);
                    break;
                case OperandType.InlineBrTarget:
                    starts.Add(next + BitConverter.ToInt32(il.Slice(pc, 4)));
                    starts.Add(next);
                    break;
                case OperandType.InlineSwitch:
                    {
                        int count = BitConverter.ToInt32(il.Slice(pc, 4));
                        for (int i = 0; i < count; i++)
                        {
                            starts.Add(next + BitConverter.ToInt32(il.Slice(pc + 4 + (4 * i), 4)));
                        }
                        starts.Add(next);
                        break;
                    }
                default:
                    if (op.FlowControl is FlowControl.Return or FlowControl.Throw)
                    {
                        starts.Add(next);
                    }
                    break;
            }
            pc = next;
        }
        int length = il.Length;
        starts.RemoveWhere(s => s >= length);
        return new Stats(instructions, starts.Count, localRefs);
    }

    private static int OperandSize(OperandType t, ReadOnlySpan<byte> il, int pc) => t switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il.Slice(pc, 4))),
        _ => 4,
    };

    private static FieldInfo? Field(string name)
    {
        for (var t = typeof(DynamicMethod).GetMethod(nameof(DynamicMethod.GetILGenerator), Type.EmptyTypes)!.ReturnType.Assembly
                 .GetType("System.Reflection.Emit.DynamicILGenerator"); t is not null; t = t.BaseType)
        {
            if (t.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic) is { } f)
            {
                return f;
            }
        }
        return null;
    }
}
