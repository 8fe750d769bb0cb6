using System.Reflection;
using System.Runtime.Intrinsics;
using WasmJit.Runtime.Numerics;

namespace WasmJit.Runtime.Tests.Numerics;

/// <summary>
/// The naming contract the interpreter and the JIT rely on: every numeric opcode of opcodes.tbl has a method of the
/// same name, whose parameters and result follow the table's stack signature.
/// </summary>
public class OpsContractTests
{
    [Fact]
    public void EveryScalarNumericOpcodeHasAScalarOpsMethodWithItsSignature()
    {
        var numeric = OpcodeTable.All.ToArray()
            .Where(i => (i.Prefix == 0 && i.Code is >= 0x45 and <= 0xc4) || (i.Prefix == 0xfc && i.Code <= 7))
            .ToList();
        Assert.Equal(0xc4 - 0x45 + 1 + 8, numeric.Count);
        foreach (var info in numeric)
        {
            var parameters = Enumerable.Range(0, info.PopCount).Select(k => ClrType(info.Pop(k))).ToArray();
            AssertMethod(typeof(ScalarOps), info.Opcode.ToString(), parameters, ClrType(info.Push));
        }
    }

    [Fact]
    public void EverySimdOpcodeOutsideMemoryHasASimdOpsMethodWithItsSignature()
    {
        var simd = OpcodeTable.All.ToArray()
            .Where(i => i.Prefix == 0xfd && i.Imm is not (ImmKind.Memarg or ImmKind.Memarglane or ImmKind.V128))
            .ToList();
        Assert.True(simd.Count > 220, $"only {simd.Count} SIMD opcodes found");
        foreach (var info in simd)
        {
            var parameters = Enumerable.Range(0, info.PopCount).Select(k => ClrType(info.Pop(k))).ToList();
            if (info.Imm == ImmKind.Lane)
            {
                parameters.Insert(1, typeof(int)); // the lane index follows the vector
            }
            else if (info.Imm == ImmKind.Shuffle)
            {
                parameters.Add(typeof(Vector128<byte>)); // the 16 lane indices
            }

            AssertMethod(typeof(SimdOps), info.Opcode.ToString(), parameters.ToArray(), ClrType(info.Push));
        }
    }

    private static void AssertMethod(Type type, string name, Type[] parameters, Type result)
    {
        var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters);
        Assert.True(method is not null, $"{type.Name}.{name}({string.Join(", ", parameters.Select(p => p.Name))}) is missing");
        Assert.Equal(result, method.ReturnType);
    }

    private static Type ClrType(SigType t) => t switch
    {
        SigType.I32 => typeof(int),
        SigType.I64 => typeof(long),
        SigType.F32 => typeof(float),
        SigType.F64 => typeof(double),
        SigType.V128 => typeof(Vector128<byte>),
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };
}
