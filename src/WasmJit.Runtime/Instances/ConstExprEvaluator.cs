using WasmJit.Binary;

namespace WasmJit.Runtime;

/// <summary>
/// Evaluates constant expressions (https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions),
/// including the extended-const arithmetic. The module is validated, so operand types are not checked here.
/// </summary>
internal static class ConstExprEvaluator
{
    public static WasmValue Evaluate(ModuleInstance inst, ConstExpr expr, WasmFeatures features)
    {
        var module = inst.Module;
        // Fast path for the overwhelmingly common `i32.const n end` / `i64.const n end` (segment offsets: CPython has
        // 24,171 data segments), without a reader, its buffers and a value list per expression.
        var bytes = expr.Span(module);
        if (bytes.Length >= 3 && bytes[^1] == 0x0B && bytes[0] is 0x41 or 0x42)
        {
            var r = new WasmReader(bytes[1..^1]);
            if (bytes[0] == 0x41)
            {
                int v = r.ReadS32();
                if (r.End)
                {
                    return WasmValue.FromI32(v);
                }
            }
            else
            {
                long v = r.ReadS64();
                if (r.End)
                {
                    return WasmValue.FromI64(v);
                }
            }
        }
        var buffers = new InstructionBuffers();
        var reader = new InstructionReader(expr.Span(module), expr.Offset, features, buffers);
        var values = new List<WasmValue>(2);
        while (!reader.End)
        {
            reader.Read(out var ins);
            switch (ins.Op)
            {
                case Opcode.I32Const:
                    values.Add(WasmValue.FromI32((int)ins.Imm));
                    break;
                case Opcode.I64Const:
                    values.Add(WasmValue.FromI64((long)ins.Imm));
                    break;
                case Opcode.F32Const:
                    values.Add(WasmValue.FromF32Bits((uint)ins.Imm));
                    break;
                case Opcode.F64Const:
                    values.Add(WasmValue.FromF64Bits(ins.Imm));
                    break;
                case Opcode.V128Const:
                    // The halves through a reference: a by-value Vector128 call argument keeps crossgen2 from precompiling Evaluate.
                    ref ulong half = ref System.Runtime.CompilerServices.Unsafe.As<System.Runtime.Intrinsics.Vector128<byte>, ulong>(ref ins.V128);
                    values.Add(WasmValue.FromV128Bits(half, System.Runtime.CompilerServices.Unsafe.Add(ref half, 1)));
                    break;
                case Opcode.RefNull:
                    values.Add(WasmValue.FromRef(inst.Canonical(ValType.Ref(ins.Heap, true)), null));
                    break;
                case Opcode.RefFunc:
                    {
                        var f = inst.Functions[ins.A];
                        values.Add(WasmValue.FromRef(ValType.Ref(HeapType.Index(f.CanonicalType.Id), false), f));
                        break;
                    }
                case Opcode.GlobalGet:
                    values.Add(inst.Globals[ins.A].Value);
                    break;
                case Opcode.I32Add:
                case Opcode.I32Sub:
                case Opcode.I32Mul:
                    {
                        int b = values[^1].I32, a = values[^2].I32;
                        values.RemoveAt(values.Count - 1);
                        values[^1] = WasmValue.FromI32(ins.Op == Opcode.I32Add ? a + b : ins.Op == Opcode.I32Sub ? a - b : a * b);
                        break;
                    }
                case Opcode.I64Add:
                case Opcode.I64Sub:
                case Opcode.I64Mul:
                    {
                        long b = values[^1].I64, a = values[^2].I64;
                        values.RemoveAt(values.Count - 1);
                        values[^1] = WasmValue.FromI64(ins.Op == Opcode.I64Add ? a + b : ins.Op == Opcode.I64Sub ? a - b : a * b);
                        break;
                    }
                case Opcode.End:
                    return values[^1];
                default:
                    throw new NotSupportedException($"constant instruction {OpcodeTable.Name(ins.Op)} is not supported yet");
            }
        }
        return values[^1];
    }

}
