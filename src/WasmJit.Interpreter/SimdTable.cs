using System.Reflection;
using System.Runtime.Intrinsics;

namespace WasmJit.Interpreter;

/// <summary>
/// Function pointers to <c>WasmJit.Runtime.Numerics.SimdOps</c>, one per SIMD opcode, found by the opcode's enum
/// name (the naming contract of the numerics layer) and indexed by opcode. Both tiers therefore run the very
/// same code for every SIMD operation with non-trivial semantics; the interpreter dispatches on the operand
/// shape that opcodes.tbl gives, instead of one switch case per operation.
/// </summary>
internal static unsafe class SimdTable
{
    public enum Shape : byte
    {
        None,

        /// <summary>v128 -> v128</summary>
        Unary,

        /// <summary>v128, v128 -> v128</summary>
        Binary,

        /// <summary>v128, v128, v128 -> v128</summary>
        Ternary,

        /// <summary>v128 -> i32</summary>
        Test,

        /// <summary>v128, i32 -> v128</summary>
        Shift,
    }

    private static readonly nint[] s_fn;
    private static readonly Shape[] s_shape;

    static SimdTable()
    {
        int count = OpcodeTable.All.Length;
        s_fn = new nint[count];
        s_shape = new Shape[count];
        var type = Type.GetType("WasmJit.Runtime.Numerics.SimdOps, WasmJit.Runtime");
        if (type is null)
        {
            return;
        }
        var v = typeof(Vector128<byte>);
        foreach (var info in OpcodeTable.All)
        {
            if ((info.Feature & (WasmFeatures.Simd | WasmFeatures.RelaxedSimd)) == 0 || !info.HasSignature || info.Imm != ImmKind.None)
            {
                continue;
            }
            var (shape, ps, ret) = (info.PopCount, info.Pop0, info.Pop1, info.Push) switch
            {
                (1, SigType.V128, _, SigType.V128) => (Shape.Unary, new[] { v }, v),
                (2, SigType.V128, SigType.V128, SigType.V128) => (Shape.Binary, new[] { v, v }, v),
                (3, SigType.V128, SigType.V128, SigType.V128) => (Shape.Ternary, new[] { v, v, v }, v),
                (1, SigType.V128, _, SigType.I32) => (Shape.Test, new[] { v }, typeof(int)),
                (2, SigType.V128, SigType.I32, SigType.V128) => (Shape.Shift, new[] { v, typeof(int) }, v),
                _ => (Shape.None, Type.EmptyTypes, typeof(void)),
            };
            if (shape == Shape.None)
            {
                continue;
            }
            var method = type.GetMethod(info.Opcode.ToString(), BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, ps);
            if (method is null || method.ReturnType != ret)
            {
                continue;
            }
            s_fn[(int)info.Opcode] = method.MethodHandle.GetFunctionPointer();
            s_shape[(int)info.Opcode] = shape;
        }
    }

    /// <summary>Can the interpreter run <paramref name="op"/> (inline in ExecSimd, or through SimdOps)?</summary>
    public static bool Supports(Opcode op)
    {
        ref readonly var info = ref OpcodeTable.Info(op);
        if (info.Imm != ImmKind.None || s_fn[(int)op] != 0)
        {
            return true;
        }
        return op is Opcode.I8x16Splat or Opcode.I16x8Splat or Opcode.I32x4Splat or Opcode.I64x2Splat or Opcode.F32x4Splat
            or Opcode.F64x2Splat or Opcode.V128Not or Opcode.V128And or Opcode.V128Andnot or Opcode.V128Or or Opcode.V128Xor
            or Opcode.V128Bitselect or Opcode.V128AnyTrue;
    }

    public static Shape ShapeOf(int op) => s_shape[op];

    public static nint Function(int op) => s_fn[op];
}
