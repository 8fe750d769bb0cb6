using System.Reflection.Emit;
using WasmJit.Binary;

namespace WasmJit.Jit;

/// <summary>Structured control (https://webassembly.github.io/spec/core/exec/instructions.html#control-instructions).</summary>
internal sealed partial class FunctionCompiler
{
    private (ValKind[] Params, ValKind[] Results) BlockSignature(BlockType bt)
    {
        if (bt.IsEmpty)
        {
            return ([], []);
        }
        if (bt.IsIndex)
        {
            var ft = _module.FuncTypeAt(bt.TypeIndex);
            return (Kinds(ft.Params), Kinds(ft.Results));
        }
        return ([], [bt.Value.Kind]);
    }

    private void EmitBlock(in Instruction ins, CtrlKind kind)
    {
        var (ps, rs) = BlockSignature(ins.Block);
        Spill();
        var c = new Ctrl { Kind = kind, Label = _il.DefineLabel(), Params = ps, Results = rs, Height = _stack.Count - ps.Length };
        if (kind == CtrlKind.Loop)
        {
            _il.MarkLabel(c.Label);
            EmitInterruptCheck();
            if (_osr is { } site && ins.Offset == site.LoopOffset && _osrLoop is null)
            {
                NoteLoopEntry(c.Label);
            }
        }
        _ctrls.Add(c);
    }

    private void EmitIf(in Instruction ins)
    {
        var (ps, rs) = BlockSignature(ins.Block);
        Spill();
        var cond = SlotAt(0);
        PopSpilled(1);
        var c = new Ctrl
        {
            Kind = CtrlKind.If,
            Label = _il.DefineLabel(),
            ElseLabel = _il.DefineLabel(),
            Params = ps,
            Results = rs,
            Height = _stack.Count - ps.Length,
        };
        _il.Emit(OpCodes.Ldloc, cond);
        _il.Emit(OpCodes.Brfalse, c.ElseLabel);
        _ctrls.Add(c);
    }

    private void EmitElse()
    {
        var c = _ctrls[^1];
        if (!c.Unreachable)
        {
            Spill();
            _il.Emit(OpCodes.Br, c.Label);
            c.Reached = true;
        }
        _il.MarkLabel(c.ElseLabel);
        c.HasElse = true;
        c.Unreachable = false;
        // Only one arm runs, so the parameters are still in their slots when the else arm starts.
        _stack.RemoveRange(c.Height, _stack.Count - c.Height);
        _stack.AddRange(c.Params);
        _onIL = 0;
    }

    private void EmitEnd()
    {
        var c = _ctrls[^1];
        bool fallsThrough = !c.Unreachable;
        if (fallsThrough)
        {
            Spill();
        }
        _ctrls.RemoveAt(_ctrls.Count - 1);
        bool reached = fallsThrough;
        if (c.Kind != CtrlKind.Loop)
        {
            if (c.Kind == CtrlKind.If && !c.HasElse)
            {
                _il.MarkLabel(c.ElseLabel);
                reached = true;
            }
            _il.MarkLabel(c.Label);
            reached |= c.Reached;
        }
        _stack.RemoveRange(c.Height, _stack.Count - c.Height);
        _stack.AddRange(c.Results);
        _onIL = 0;
        if (c.Kind == CtrlKind.Func)
        {
            if (reached)
            {
                EmitReturnFromSlots();
            }
            return;
        }
        if (!reached)
        {
            SetUnreachable();
        }
    }

    /// <summary>The function's results are in slots 0..m-1: write results 1.. through the byref parameters, return result 0.</summary>
    private void EmitReturnFromSlots()
    {
        if (_osr is not null)
        {
            EmitReturnToFrame();
            return;
        }
        var rs = _type.Results;
        for (int k = 1; k < rs.Length; k++)
        {
            _il.Emit(OpCodes.Ldarg, (short)JitSignature.ResultRefArgIndex(_type, k));
            _il.Emit(OpCodes.Ldloc, Slot(k, rs[k].Kind));
            EmitStoreIndirect(rs[k].Kind);
        }
        if (rs.Length > 0)
        {
            _il.Emit(OpCodes.Ldloc, Slot(0, rs[0].Kind));
        }
        _il.Emit(OpCodes.Ret);
    }

    private void EmitStoreIndirect(ValKind kind)
    {
        switch (kind)
        {
            case ValKind.I32: _il.Emit(OpCodes.Stind_I4); break;
            case ValKind.I64: _il.Emit(OpCodes.Stind_I8); break;
            case ValKind.F32: _il.Emit(OpCodes.Stind_R4); break;
            case ValKind.F64: _il.Emit(OpCodes.Stind_R8); break;
            case ValKind.V128: _il.Emit(OpCodes.Stobj, typeof(System.Runtime.Intrinsics.Vector128<byte>)); break;
            default: _il.Emit(OpCodes.Stind_Ref); break;
        }
    }

    private Ctrl Target(uint depth) => _ctrls[_ctrls.Count - 1 - (int)depth];

    /// <summary>With the stack spilled, copies the label's values from the top of the stack to the target's height.</summary>
    private void EmitBranchMoves(Ctrl target, int extraOnTop = 0)
    {
        var types = target.LabelTypes;
        int src = _stack.Count - extraOnTop - types.Length;
        if (src == target.Height)
        {
            return;
        }
        for (int i = 0; i < types.Length; i++)
        {
            _il.Emit(OpCodes.Ldloc, Slot(src + i, types[i]));
            _il.Emit(OpCodes.Stloc, Slot(target.Height + i, types[i]));
        }
    }

    private bool NeedsMoves(Ctrl target, int extraOnTop = 0) =>
        target.LabelTypes.Length > 0 && _stack.Count - extraOnTop - target.LabelTypes.Length != target.Height;

    private void EmitBr(uint depth)
    {
        var t = Target(depth);
        Spill();
        EmitBranchMoves(t);
        _il.Emit(OpCodes.Br, t.Label);
        t.Reached = true;
        SetUnreachable();
    }

    private void EmitBrIf(uint depth)
    {
        var t = Target(depth);
        Spill();
        var cond = SlotAt(0);
        PopSpilled(1);
        _il.Emit(OpCodes.Ldloc, cond);
        if (NeedsMoves(t))
        {
            var skip = _il.DefineLabel();
            _il.Emit(OpCodes.Brfalse, skip);
            EmitBranchMoves(t);
            _il.Emit(OpCodes.Br, t.Label);
            _il.MarkLabel(skip);
        }
        else
        {
            _il.Emit(OpCodes.Brtrue, t.Label);
        }
        t.Reached = true;
    }

    private void EmitBrTable(ref InstructionReader reader, in Instruction ins)
    {
        Spill();
        var index = SlotAt(0);
        PopSpilled(1);
        var targets = reader.Targets(ins);
        var labels = new Label[targets.Length];
        var stubs = new List<(Label Stub, Ctrl Target)>();
        Label LabelFor(uint depth)
        {
            var t = Target(depth);
            t.Reached = true;
            if (!NeedsMoves(t))
            {
                return t.Label;
            }
            foreach (var s in stubs)
            {
                if (s.Target == t)
                {
                    return s.Stub;
                }
            }
            var stub = _il.DefineLabel();
            stubs.Add((stub, t));
            return stub;
        }
        for (int i = 0; i < targets.Length; i++)
        {
            labels[i] = LabelFor(targets[i]);
        }
        var def = LabelFor(ins.B);
        if (labels.Length > 0)
        {
            _il.Emit(OpCodes.Ldloc, index);
            _il.Emit(OpCodes.Switch, labels);
        }
        _il.Emit(OpCodes.Br, def);
        foreach (var (stub, t) in stubs)
        {
            _il.MarkLabel(stub);
            EmitBranchMoves(t);
            _il.Emit(OpCodes.Br, t.Label);
        }
        SetUnreachable();
    }

    private void EmitReturn() => EmitBr((uint)(_ctrls.Count - 1));

    private void EmitUnreachable()
    {
        Spill();
        _il.Emit(OpCodes.Br, TrapLabel(TrapKind.Unreachable));
        SetUnreachable();
    }

    private void EmitSelect()
    {
        Spill();
        var cond = SlotAt(0);
        var b = SlotAt(1);
        var a = SlotAt(2);
        var keep = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, cond);
        _il.Emit(OpCodes.Brtrue, keep);
        _il.Emit(OpCodes.Ldloc, b);
        _il.Emit(OpCodes.Stloc, a);
        _il.MarkLabel(keep);
        PopSpilled(2);
    }

    private void EmitDrop()
    {
        if (_onIL > 0)
        {
            _il.Emit(OpCodes.Pop);
            Pop(1);
        }
        else
        {
            PopSpilled(1);
        }
    }

    private void EmitBrOnNull(uint depth)
    {
        var t = Target(depth);
        Spill();
        var r = SlotAt(0);
        var notNull = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, r);
        _il.Emit(OpCodes.Brtrue, notNull);
        EmitBranchMoves(t, extraOnTop: 1);
        _il.Emit(OpCodes.Br, t.Label);
        _il.MarkLabel(notNull);
        t.Reached = true;
    }

    private void EmitBrOnNonNull(uint depth)
    {
        var t = Target(depth);
        Spill();
        var r = SlotAt(0);
        var isNull = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, r);
        _il.Emit(OpCodes.Brfalse, isNull);
        EmitBranchMoves(t);
        _il.Emit(OpCodes.Br, t.Label);
        _il.MarkLabel(isNull);
        PopSpilled(1);
        t.Reached = true;
    }
}
