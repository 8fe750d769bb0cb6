using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmJit.Binary;

namespace WasmJit.Validation;

/// <summary>Instruction typing: https://webassembly.github.io/spec/core/valid/instructions.html</summary>
internal sealed partial class FuncValidator
{
    private static readonly ValType[] s_sigTypes = [default, ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, default];

    /// <summary>Number of lanes a lane immediate may address, per opcode (0 when the opcode has none); derived
    /// from the opcode table: <c>i8x16.*</c> has 16 lanes, a <c>v128.loadN_lane</c> has 16 / (N/8).</summary>
    private static readonly byte[] s_laneCount = BuildLaneCounts();

    private static byte[] BuildLaneCounts()
    {
        var all = OpcodeTable.All;
        var counts = new byte[all.Length];
        foreach (ref readonly var info in all)
        {
            if (info.Imm == ImmKind.Memarglane)
            {
                counts[(int)info.Opcode] = (byte)(16 >> info.NaturalAlignLog2);
            }
            else if (info.Imm == ImmKind.Lane)
            {
                // The shape prefix of the mnemonic, e.g. "i16x8.extract_lane_s" -> 8.
                string name = info.Name;
                int x = name.IndexOf('x');
                int dot = name.IndexOf('.');
                counts[(int)info.Opcode] = byte.Parse(name.AsSpan(x + 1, dot - x - 1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return counts;
    }

    /// <summary>Types one instruction, updating the operand and control stacks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(in Instruction ins, ref InstructionReader reader)
    {
        ref readonly var info = ref OpcodeTable.Info(ins.Op);
        if (_constMode)
        {
            CheckConstant(in ins);
        }
        if (info.HasSignature)
        {
            StepGeneric(in ins, in info);
            return;
        }
        StepSpecial(in ins, ref reader);
    }

    /// <summary>The table's <c>special</c> rows: control, variables, calls, references, exceptions, GC.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void StepSpecial(in Instruction ins, ref InstructionReader reader)
    {
        int at = ins.Offset;
        switch (ins.Op)
        {
            case Opcode.Unreachable:
                SetUnreachable();
                break;
            case Opcode.Block:
                EnterBlock(in ins, ControlKind.Block);
                break;
            case Opcode.Loop:
                EnterBlock(in ins, ControlKind.Loop);
                break;
            case Opcode.Try:
                EnterBlock(in ins, ControlKind.Try);
                break;
            case Opcode.If:
                EnterBlock(in ins, ControlKind.If);
                break;
            case Opcode.Else:
                Else(at);
                break;
            case Opcode.End:
                End(at);
                break;
            case Opcode.Br:
                PopVals(Label(ins.A, at).LabelTypes, at);
                SetUnreachable();
                break;
            case Opcode.BrIf:
                BrIf(ins.A, at);
                break;
            case Opcode.BrTable:
                BrTable(in ins, ref reader);
                break;
            case Opcode.Return:
                PopVals(_results, at);
                SetUnreachable();
                break;
            case Opcode.Call:
            case Opcode.ReturnCall:
                {
                    if (ins.A >= (uint)_ctx.FunctionCount)
                    {
                        FailIndex("unknown function", ins.A, at);
                    }
                    Call(_ctx.FunctionType((int)ins.A), ins.Op == Opcode.ReturnCall, at);
                    break;
                }
            case Opcode.CallIndirect:
            case Opcode.ReturnCallIndirect:
                {
                    var table = Table(ins.B, at);
                    if (!_types.IsSubtype(table.Element, ValType.FuncRef))
                    {
                        FailIndex("type mismatch: call_indirect needs a function table, not table", ins.B, at);
                    }
                    if (ins.A >= (uint)_types.Count)
                    {
                        FailIndex("unknown type", ins.A, at);
                    }
                    var ft = FuncTypeAt(ins.A, at);
                    Pop(table.IndexType, at);
                    Call(ft, ins.Op == Opcode.ReturnCallIndirect, at);
                    break;
                }
            case Opcode.CallRef:
            case Opcode.ReturnCallRef:
                {
                    var ft = FuncTypeAt(ins.A, at);
                    Pop(ValType.Ref(HeapType.Index((int)ins.A), true), at);
                    Call(ft, ins.Op == Opcode.ReturnCallRef, at);
                    break;
                }
            case Opcode.Drop:
                PopAny(at);
                break;
            case Opcode.Select:
                Select(at);
                break;
            case Opcode.SelectT:
                {
                    if (ins.A != 1)
                    {
                        Throw.Invalid("invalid result arity", at);
                    }
                    var t = reader.SelectTypes(in ins)[0];
                    CheckValType(t, at);
                    Pop(ValType.I32, at);
                    Pop(t, at);
                    Pop(t, at);
                    Push(t);
                    break;
                }
            case Opcode.LocalGet:
                {
                    int x = LocalIndex(ins.A, at);
                    if (!_localInit[x])
                    {
                        FailIndex("uninitialized local", x, at);
                    }
                    Push(_locals[x]);
                    break;
                }
            case Opcode.LocalSet:
                {
                    int x = LocalIndex(ins.A, at);
                    Pop(_locals[x], at);
                    SetLocal(x);
                    break;
                }
            case Opcode.LocalTee:
                {
                    int x = LocalIndex(ins.A, at);
                    Pop(_locals[x], at);
                    SetLocal(x);
                    Push(_locals[x]);
                    break;
                }
            case Opcode.GlobalGet:
                Push(Global(ins.A, at).Type);
                break;
            case Opcode.GlobalSet:
                {
                    var g = Global(ins.A, at);
                    if (!g.Mutable)
                    {
                        FailIndex("immutable global", ins.A, at);
                    }
                    Pop(g.Type, at);
                    break;
                }
            case Opcode.TableGet:
                {
                    var t = Table(ins.A, at);
                    Pop(t.IndexType, at);
                    Push(t.Element);
                    break;
                }
            case Opcode.TableSet:
                {
                    var t = Table(ins.A, at);
                    Pop(t.Element, at);
                    Pop(t.IndexType, at);
                    break;
                }
            case Opcode.TableGrow:
                {
                    var t = Table(ins.A, at);
                    Pop(t.IndexType, at);
                    Pop(t.Element, at);
                    Push(t.IndexType);
                    break;
                }
            case Opcode.TableSize:
                Push(Table(ins.A, at).IndexType);
                break;
            case Opcode.TableFill:
                {
                    var t = Table(ins.A, at);
                    Pop(t.IndexType, at);
                    Pop(t.Element, at);
                    Pop(t.IndexType, at);
                    break;
                }
            case Opcode.TableCopy:
                {
                    var dst = Table(ins.A, at);
                    var src = Table(ins.B, at);
                    if (!_types.IsSubtype(src.Element, dst.Element))
                    {
                        Throw.Invalid("type mismatch: table.copy source element type does not match the destination", at);
                    }
                    Pop(dst.Is64 && src.Is64 ? ValType.I64 : ValType.I32, at);
                    Pop(src.IndexType, at);
                    Pop(dst.IndexType, at);
                    break;
                }
            case Opcode.TableInit:
                {
                    var t = Table(ins.B, at);
                    var seg = Elem(ins.A, at);
                    if (!_types.IsSubtype(seg.ElementType, t.Element))
                    {
                        Throw.Invalid("type mismatch: element segment type does not match the table", at);
                    }
                    Pop(ValType.I32, at);
                    Pop(ValType.I32, at);
                    Pop(t.IndexType, at);
                    break;
                }
            case Opcode.MemoryCopy:
                {
                    var dst = Memory(ins.A, at);
                    var src = Memory(ins.B, at);
                    Pop(dst.Is64 && src.Is64 ? ValType.I64 : ValType.I32, at);
                    Pop(src.IndexType, at);
                    Pop(dst.IndexType, at);
                    break;
                }
            case Opcode.RefNull:
                CheckHeapType(ins.Heap, at);
                Push(ValType.Ref(ins.Heap, true));
                break;
            case Opcode.RefIsNull:
                PopRef(at);
                Push(ValType.I32);
                break;
            case Opcode.RefFunc:
                {
                    if (ins.A >= (uint)_ctx.FunctionCount)
                    {
                        FailIndex("unknown function", ins.A, at);
                    }
                    if (_constMode)
                    {
                        // A reference in a constant expression is itself a declaration (C.refs).
                        _ctx.Declare((int)ins.A);
                    }
                    else if (!_ctx.IsDeclared((int)ins.A))
                    {
                        FailIndex("undeclared function reference", ins.A, at);
                    }
                    Push(ValType.Ref(HeapType.Index(_module.FunctionTypeIndices[(int)ins.A]), false));
                    break;
                }
            case Opcode.RefEq:
                Pop(ValType.Ref(HeapType.Eq, true), at);
                Pop(ValType.Ref(HeapType.Eq, true), at);
                Push(ValType.I32);
                break;
            case Opcode.RefAsNonNull:
                {
                    var rt = PopRef(at);
                    Push(ValType.Ref(rt.Heap, false));
                    break;
                }
            case Opcode.BrOnNull:
                {
                    var types = Label(ins.A, at).LabelTypes;
                    var rt = PopRef(at);
                    PopVals(types, at);
                    PushVals(types);
                    Push(ValType.Ref(rt.Heap, false));
                    break;
                }
            case Opcode.BrOnNonNull:
                {
                    var types = Label(ins.A, at).LabelTypes;
                    if (types.Length == 0)
                    {
                        Throw.Invalid("type mismatch: br_on_non_null target has no reference result", at);
                    }
                    var rt = PopRef(at);
                    Push(ValType.Ref(rt.Heap, false));
                    PopVals(types, at);
                    PushVals(types.AsSpan(0, types.Length - 1));
                    break;
                }
            case Opcode.Throw:
                PopVals(Tag(ins.A, at).Params, at);
                SetUnreachable();
                break;
            case Opcode.ThrowRef:
                Pop(ValType.ExnRef, at);
                SetUnreachable();
                break;
            case Opcode.Rethrow:
                {
                    ref var frame = ref Label(ins.A, at);
                    if (frame.Kind is not (ControlKind.Catch or ControlKind.CatchAll))
                    {
                        Throw.Invalid("invalid rethrow label", at);
                    }
                    SetUnreachable();
                    break;
                }
            case Opcode.Catch:
                {
                    CheckHandlerPosition(at);
                    var tag = Tag(ins.A, at);
                    var frame = PopCtrl(at);
                    PushCtrl(ControlKind.Catch, tag.Params, frame.EndTypes, at);
                    break;
                }
            case Opcode.CatchAll:
                {
                    CheckHandlerPosition(at);
                    var frame = PopCtrl(at);
                    PushCtrl(ControlKind.CatchAll, s_none, frame.EndTypes, at);
                    break;
                }
            case Opcode.Delegate:
                {
                    if (_ctrls[_ctrlCount - 1].Kind != ControlKind.Try)
                    {
                        Throw.Malformed("delegate without try", at);
                    }
                    var frame = PopCtrl(at);
                    Label(ins.A, at);
                    PushVals(frame.EndTypes);
                    break;
                }
            case Opcode.TryTable:
                TryTable(in ins, ref reader);
                break;
            default:
                StepGc(in ins, ref reader);
                break;
        }
    }

    private void EnterBlock(in Instruction ins, ControlKind kind)
    {
        BlockSignature(in ins.Block, ins.Offset, out var start, out var end);
        if (kind == ControlKind.If)
        {
            Pop(ValType.I32, ins.Offset);
        }
        PopVals(start, ins.Offset);
        PushCtrl(kind, start, end, ins.Offset);
    }

    private void Else(int at)
    {
        if (_ctrls[_ctrlCount - 1].Kind != ControlKind.If)
        {
            Throw.Malformed("else without if", at);
        }
        var frame = PopCtrl(at);
        PushCtrl(ControlKind.Else, frame.StartTypes, frame.EndTypes, at);
    }

    private void End(int at)
    {
        var frame = PopCtrl(at);
        if (frame.Kind == ControlKind.If)
        {
            // An if without else has an implicit empty else branch: its parameters must be its results.
            CheckImplicitElse(frame, at);
        }
        if (_ctrlCount != 0)
        {
            PushVals(frame.EndTypes);
        }
    }

    private void BrIf(uint label, int at)
    {
        var types = Label(label, at).LabelTypes;
        Pop(ValType.I32, at);
        PopVals(types, at);
        PushVals(types);
    }

    /// <summary>Every instruction whose table row has a stack signature: typed from the row alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StepGeneric(in Instruction ins, in OpcodeInfo info)
    {
        ValType addr = default;
        if (info.Imm != ImmKind.None)
        {
            addr = GenericImmediates(in ins, in info);
        }
        for (int i = info.PopCount - 1; i >= 0; i--)
        {
            var s = info.Pop(i);
            Pop(s == SigType.Addr ? addr : s_sigTypes[(int)s], ins.Offset);
        }
        if (info.Push != SigType.None)
        {
            Push(info.Push == SigType.Addr ? addr : s_sigTypes[(int)info.Push]);
        }
    }

    /// <summary>Checks the immediates of a table-typed instruction; returns the address type of its memory, if any.</summary>
    private ValType GenericImmediates(in Instruction ins, in OpcodeInfo info)
    {
        int at = ins.Offset;
        switch (info.Imm)
        {
            case ImmKind.Memarg:
            case ImmKind.Memarglane:
                {
                    var mem = Memory(ins.B, at);
                    if (info.Prefix == 0xfe)
                    {
                        if (ins.AlignLog2 != info.NaturalAlignLog2)
                        {
                            Throw.Invalid("atomic alignment must be natural", at);
                        }
                    }
                    else if (ins.AlignLog2 > info.NaturalAlignLog2)
                    {
                        Throw.Invalid("alignment must not be larger than natural", at);
                    }
                    if (!mem.Is64 && ins.Imm > uint.MaxValue)
                    {
                        Throw.Invalid("offset out of range", at);
                    }
                    if (info.Imm == ImmKind.Memarglane && ins.Lane >= s_laneCount[(int)ins.Op])
                    {
                        Throw.Invalid("invalid lane index", at);
                    }
                    return mem.IndexType;
                }
            case ImmKind.Mem:
                return Memory(ins.A, at).IndexType;
            case ImmKind.Datamem:
                {
                    var mem = Memory(ins.B, at);
                    DataIndex(ins.A, at);
                    return mem.IndexType;
                }
            case ImmKind.Data:
                DataIndex(ins.A, at);
                break;
            case ImmKind.Elem:
                Elem(ins.A, at);
                break;
            case ImmKind.Lane:
                if (ins.Lane >= s_laneCount[(int)ins.Op])
                {
                    Throw.Invalid("invalid lane index", at);
                }
                break;
            case ImmKind.Shuffle:
                for (int i = 0; i < 16; i++)
                {
                    if (ins.V128.GetElement(i) >= 32)
                    {
                        Throw.Invalid("invalid lane index", at);
                    }
                }
                break;
        }
        return default;
    }

    private void CheckImplicitElse(in ControlFrame frame, int at)
    {
        var start = frame.StartTypes;
        var end = frame.EndTypes;
        if (start.Length != end.Length)
        {
            Throw.Invalid($"type mismatch: if without else must leave its parameters as results [{string.Join(' ', end)}]", at);
        }
        for (int i = 0; i < start.Length; i++)
        {
            if (!_types.IsSubtype(start[i], end[i]))
            {
                Throw.Invalid($"type mismatch: if without else must leave its parameters as results [{string.Join(' ', end)}]", at);
            }
        }
    }

    private void CheckHandlerPosition(int at)
    {
        if (_ctrls[_ctrlCount - 1].Kind is not (ControlKind.Try or ControlKind.Catch))
        {
            Throw.Malformed("catch without try", at);
        }
    }

    private void Call(FuncType ft, bool tail, int at)
    {
        PopVals(ft.Params, at);
        if (tail)
        {
            // return_call*: the callee's results must be usable as the caller's results.
            if (ft.Results.Length != _results.Length)
            {
                Throw.Invalid("type mismatch: tail call results do not match the function's results", at);
            }
            for (int i = 0; i < _results.Length; i++)
            {
                if (!_types.IsSubtype(ft.Results[i], _results[i]))
                {
                    Throw.Invalid("type mismatch: tail call results do not match the function's results", at);
                }
            }
            SetUnreachable();
        }
        else
        {
            PushVals(ft.Results);
        }
    }

    private void Select(int at)
    {
        Pop(ValType.I32, at);
        var t1 = PopAny(at);
        var t2 = PopAny(at);
        bool ok1 = t1.Kind != ValKind.Ref, ok2 = t2.Kind != ValKind.Ref;
        if (!ok1 || !ok2)
        {
            Throw.Invalid("type mismatch: select without types requires numeric or vector operands", at);
        }
        if (t1 != t2 && t1.Kind != ValKind.Bot && t2.Kind != ValKind.Bot)
        {
            FailType("type mismatch: select operands differ, first is", t2, at);
        }
        Push(t1.Kind == ValKind.Bot ? t2 : t1);
    }

    private void BrTable(in Instruction ins, ref InstructionReader reader)
    {
        int at = ins.Offset;
        Pop(ValType.I32, at);
        var defaultTypes = Label(ins.B, at).LabelTypes;
        int arity = defaultTypes.Length;
        foreach (uint target in reader.Targets(in ins))
        {
            var types = Label(target, at).LabelTypes;
            if (types.Length != arity)
            {
                Throw.Invalid("type mismatch: br_table targets have different arities", at);
            }
            // Pop the label's types and push back what was actually there, so that each target is checked
            // against the same operands (the spec algorithm's push_vals(pop_vals(...))).
            var actual = PopValsActual(types, at);
            PushVals(actual);
        }
        PopVals(defaultTypes, at);
        SetUnreachable();
    }

    private void TryTable(in Instruction ins, ref InstructionReader reader)
    {
        int at = ins.Offset;
        BlockSignature(in ins.Block, at, out var start, out var end);
        foreach (var c in reader.Catches(in ins))
        {
            var label = Label(c.Label, at).LabelTypes;
            ReadOnlySpan<ValType> pars = c.Kind < 2 ? Tag(c.Tag, at).Params : [];
            bool withRef = (c.Kind & 1) != 0;
            int n = pars.Length + (withRef ? 1 : 0);
            bool ok = label.Length == n;
            for (int i = 0; ok && i < pars.Length; i++)
            {
                ok = _types.IsSubtype(pars[i], label[i]);
            }
            if (ok && withRef)
            {
                ok = _types.IsSubtype(ValType.Ref(HeapType.Exn, false), label[n - 1]);
            }
            if (!ok)
            {
                Throw.Invalid("type mismatch: catch clause does not match its label", at);
            }
        }
        PopVals(start, at);
        PushCtrl(ControlKind.TryTable, start, end, at);
    }

    // ---------------------------------------------------------------- index spaces

    private TableType Table(uint index, int at)
    {
        if (index >= (uint)_ctx.TableCount)
        {
            FailIndex("unknown table", index, at);
        }
        return _module.Tables[(int)index].Type;
    }

    private MemoryType Memory(uint index, int at)
    {
        if (index >= (uint)_ctx.MemoryCount)
        {
            FailIndex("unknown memory", index, at);
        }
        return _module.Memories[(int)index];
    }

    private GlobalType Global(uint index, int at)
    {
        if (index >= (uint)_ctx.GlobalCount)
        {
            FailIndex("unknown global", index, at);
        }
        return _module.Globals[(int)index].Type;
    }

    private FuncType Tag(uint index, int at)
    {
        if (index >= (uint)_ctx.TagCount)
        {
            FailIndex("unknown tag", index, at);
        }
        return _ctx.TagType((int)index);
    }

    private ElementSegment Elem(uint index, int at)
    {
        if (index >= (uint)_ctx.ElementCount)
        {
            FailIndex("unknown elem segment", index, at);
        }
        return _module.Elements[(int)index];
    }

    private void DataIndex(uint index, int at)
    {
        if (index >= (uint)_module.Data.Count)
        {
            FailIndex("unknown data segment", index, at);
        }

        // Code may name data segments only when the data count section announces them (a binary format rule,
        // so the error is "malformed"); checked after the index so that modules from text get the invalid error.
        if (_ctx.DataCount is null)
        {
            Throw.Malformed("data count section required", at);
        }
    }
}
