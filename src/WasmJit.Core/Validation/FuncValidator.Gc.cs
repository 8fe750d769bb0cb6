using WasmJit.Binary;

namespace WasmJit.Validation;

/// <summary>
/// GC instructions: structs, arrays, i31, casts, extern conversion.
/// https://webassembly.github.io/spec/core/valid/instructions.html#aggregate-reference-instructions
/// </summary>
internal sealed partial class FuncValidator
{
    private void StepGc(in Instruction ins, ref InstructionReader reader)
    {
        int at = ins.Offset;
        switch (ins.Op)
        {
            case Opcode.StructNew:
                {
                    var fields = StructAt(ins.A, at).Fields;
                    for (int i = fields.Length - 1; i >= 0; i--)
                    {
                        Pop(fields[i].Unpacked, at);
                    }
                    Push(ValType.Ref(HeapType.Index((int)ins.A), false));
                    break;
                }
            case Opcode.StructNewDefault:
                {
                    foreach (var f in StructAt(ins.A, at).Fields)
                    {
                        if (!f.Storage.IsDefaultable)
                        {
                            FailType("type mismatch: field type is not defaultable:", f.Storage, at);
                        }
                    }
                    Push(ValType.Ref(HeapType.Index((int)ins.A), false));
                    break;
                }
            case Opcode.StructGet:
            case Opcode.StructGetS:
            case Opcode.StructGetU:
                {
                    var f = Field(ins.A, ins.B, at);
                    if (f.Storage.IsPacked != (ins.Op != Opcode.StructGet))
                    {
                        Throw.Invalid(f.Storage.IsPacked ? "type mismatch: packed field needs struct.get_s or struct.get_u" : "type mismatch: field is not packed", at);
                    }
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    Push(f.Unpacked);
                    break;
                }
            case Opcode.StructSet:
                {
                    var f = Field(ins.A, ins.B, at);
                    if (!f.Mutable)
                    {
                        Throw.Invalid("immutable field", at);
                    }
                    Pop(f.Unpacked, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    break;
                }
            case Opcode.ArrayNew:
                {
                    var e = ArrayAt(ins.A, at).Element;
                    Pop(ValType.I32, at);
                    Pop(e.Unpacked, at);
                    Push(ValType.Ref(HeapType.Index((int)ins.A), false));
                    break;
                }
            case Opcode.ArrayNewDefault:
                {
                    var e = ArrayAt(ins.A, at).Element;
                    if (!e.Storage.IsDefaultable)
                    {
                        FailType("type mismatch: array element type is not defaultable:", e.Storage, at);
                    }
                    Pop(ValType.I32, at);
                    Push(ValType.Ref(HeapType.Index((int)ins.A), false));
                    break;
                }
            case Opcode.ArrayNewFixed:
                {
                    var t = ArrayAt(ins.A, at).Element.Unpacked;
                    uint n = ins.B;
                    ref var frame = ref _ctrls[_ctrlCount - 1];
                    for (uint i = 0; i < n; i++)
                    {
                        if (_valCount == frame.Height && frame.Unreachable)
                        {
                            // Every further operand is the bottom type: no need to pop billions of them.
                            break;
                        }
                        Pop(t, at);
                    }
                    Push(ValType.Ref(HeapType.Index((int)ins.A), false));
                    break;
                }
            case Opcode.ArrayNewData:
                {
                    var e = ArrayAt(ins.A, at).Element;
                    CheckNumericOrVector(e, at);
                    DataIndex(ins.B, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.I32, at);
                    Push(ValType.Ref(HeapType.Index((int)ins.A), false));
                    break;
                }
            case Opcode.ArrayNewElem:
                {
                    var e = ArrayAt(ins.A, at).Element;
                    var seg = Elem(ins.B, at);
                    if (!_types.IsStorageSubtype(seg.ElementType, e.Storage))
                    {
                        Throw.Invalid("type mismatch: element segment type does not match the array", at);
                    }
                    Pop(ValType.I32, at);
                    Pop(ValType.I32, at);
                    Push(ValType.Ref(HeapType.Index((int)ins.A), false));
                    break;
                }
            case Opcode.ArrayGet:
            case Opcode.ArrayGetS:
            case Opcode.ArrayGetU:
                {
                    var e = ArrayAt(ins.A, at).Element;
                    if (e.Storage.IsPacked != (ins.Op != Opcode.ArrayGet))
                    {
                        Throw.Invalid(e.Storage.IsPacked ? "type mismatch: packed array needs array.get_s or array.get_u" : "type mismatch: array is not packed", at);
                    }
                    Pop(ValType.I32, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    Push(e.Unpacked);
                    break;
                }
            case Opcode.ArraySet:
                {
                    var e = MutableArray(ins.A, at);
                    Pop(e.Unpacked, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    break;
                }
            case Opcode.ArrayLen:
                Pop(ValType.Ref(HeapType.Array, true), at);
                Push(ValType.I32);
                break;
            case Opcode.ArrayFill:
                {
                    var e = MutableArray(ins.A, at);
                    Pop(ValType.I32, at);
                    Pop(e.Unpacked, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    break;
                }
            case Opcode.ArrayCopy:
                {
                    var dst = MutableArray(ins.A, at);
                    var src = ArrayAt(ins.B, at).Element;
                    if (!_types.IsStorageSubtype(src.Storage, dst.Storage))
                    {
                        Throw.Invalid("array types do not match", at);
                    }
                    Pop(ValType.I32, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.B), true), at);
                    Pop(ValType.I32, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    break;
                }
            case Opcode.ArrayInitData:
                {
                    var e = MutableArray(ins.A, at);
                    CheckNumericOrVector(e, at);
                    DataIndex(ins.B, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    break;
                }
            case Opcode.ArrayInitElem:
                {
                    var e = MutableArray(ins.A, at);
                    var seg = Elem(ins.B, at);
                    if (!_types.IsStorageSubtype(seg.ElementType, e.Storage))
                    {
                        Throw.Invalid("type mismatch: element segment type does not match the array", at);
                    }
                    Pop(ValType.I32, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.I32, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    break;
                }
            case Opcode.RefTest:
            case Opcode.RefTestNull:
            case Opcode.RefCast:
            case Opcode.RefCastNull:
                {
                    CheckHeapType(ins.Heap, at);
                    Pop(ValType.Ref(_types.Top(ins.Heap), true), at);
                    bool nullable = ins.Op is Opcode.RefTestNull or Opcode.RefCastNull;
                    Push(ins.Op is Opcode.RefTest or Opcode.RefTestNull ? ValType.I32 : ValType.Ref(ins.Heap, nullable));
                    break;
                }
            case Opcode.BrOnCast:
            case Opcode.BrOnCastFail:
                BrOnCast(in ins);
                break;
            case Opcode.AnyConvertExtern:
                {
                    var t = Pop(ValType.ExternRef, at);
                    Push(ValType.Ref(HeapType.Any, t.Kind == ValKind.Ref && t.Nullable));
                    break;
                }
            case Opcode.ExternConvertAny:
                {
                    var t = Pop(ValType.AnyRef, at);
                    Push(ValType.Ref(HeapType.Extern, t.Kind == ValKind.Ref && t.Nullable));
                    break;
                }
            case Opcode.RefI31:
                Pop(ValType.I32, at);
                Push(ValType.Ref(HeapType.I31, false));
                break;
            case Opcode.I31GetS:
            case Opcode.I31GetU:
                Pop(ValType.Ref(HeapType.I31, true), at);
                Push(ValType.I32);
                break;
            default:
                // Every opcode of the table is either typed by its signature or handled above.
                FailIndex("unhandled instruction", (long)ins.Op, at);
                break;
        }
    }

    /// <summary>br_on_cast and br_on_cast_fail: https://webassembly.github.io/spec/core/valid/instructions.html#xref-syntax-instructions-syntax-instr-control-mathsf-br-on-cast-l-mathit-rt-1-mathit-rt-2</summary>
    private void BrOnCast(in Instruction ins)
    {
        int at = ins.Offset;
        CheckHeapType(ins.Heap, at);
        CheckHeapType(ins.Heap2, at);
        var rt1 = ValType.Ref(ins.Heap, (ins.Flags & 1) != 0);
        var rt2 = ValType.Ref(ins.Heap2, (ins.Flags & 2) != 0);
        if (!_types.IsSubtype(rt2, rt1))
        {
            FailType("type mismatch: cast target is not a subtype of the source type", rt2, at);
        }
        var types = Label(ins.A, at).LabelTypes;
        if (types.Length == 0)
        {
            Throw.Invalid("type mismatch: branch target has no reference result", at);
        }
        // rt1 \ rt2: what is left when the cast fails (nullable only if a null does not pass the cast).
        var diff = ValType.Ref(ins.Heap, rt1.Nullable && !rt2.Nullable);
        var onBranch = ins.Op == Opcode.BrOnCast ? rt2 : diff;
        var onFall = ins.Op == Opcode.BrOnCast ? diff : rt2;
        Pop(rt1, at);
        Push(onBranch);
        PopVals(types, at);
        PushVals(types.AsSpan(0, types.Length - 1));
        Push(onFall);
    }

    private SubType CompositeAt(uint index, CompositeKind kind, int at)
    {
        var st = TypeAt(index, at);
        if (st.Kind != kind)
        {
            FailIndex(kind == CompositeKind.Struct ? "type mismatch: not a struct type:" : "type mismatch: not an array type:", index, at);
        }
        return st;
    }

    private StructType StructAt(uint index, int at) => CompositeAt(index, CompositeKind.Struct, at).Struct!;

    private ArrayType ArrayAt(uint index, int at) => CompositeAt(index, CompositeKind.Array, at).Array!;

    private FieldType Field(uint typeIndex, uint field, int at)
    {
        var fields = StructAt(typeIndex, at).Fields;
        if (field >= (uint)fields.Length)
        {
            FailIndex("unknown field", field, at);
        }
        return fields[(int)field];
    }

    private FieldType MutableArray(uint index, int at)
    {
        var e = ArrayAt(index, at).Element;
        if (!e.Mutable)
        {
            Throw.Invalid("immutable array", at);
        }
        return e;
    }

    private static void CheckNumericOrVector(FieldType e, int at)
    {
        if (e.Storage.Kind == ValKind.Ref)
        {
            Throw.Invalid("array type is not numeric or vector", at);
        }
    }
}
