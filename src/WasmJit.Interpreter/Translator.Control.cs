using WasmJit.Binary;

namespace WasmJit.Interpreter;

/// <summary>Blocks, branches, returns and calls: https://webassembly.github.io/spec/core/exec/instructions.html#control-instructions</summary>
internal sealed partial class Translator
{
    /// <summary>A branch condition: jump when <see cref="Op"/> holds for A (and B).</summary>
    private readonly record struct Cond(IOp Op, int A, int B);

    private static IOp Invert(IOp op) => op switch
    {
        IOp.BrIf => IOp.BrIfNot,
        IOp.BrIfNot => IOp.BrIf,
        IOp.BrI32Eq => IOp.BrI32Ne,
        IOp.BrI32Ne => IOp.BrI32Eq,
        IOp.BrI32LtS => IOp.BrI32GeS,
        IOp.BrI32GeS => IOp.BrI32LtS,
        IOp.BrI32LtU => IOp.BrI32GeU,
        IOp.BrI32GeU => IOp.BrI32LtU,
        IOp.BrI32GtS => IOp.BrI32LeS,
        IOp.BrI32LeS => IOp.BrI32GtS,
        IOp.BrI32GtU => IOp.BrI32LeU,
        IOp.BrI32LeU => IOp.BrI32GtU,
        IOp.BrI64Eq => IOp.BrI64Ne,
        IOp.BrI64Ne => IOp.BrI64Eq,
        IOp.BrI64LtS => IOp.BrI64GeS,
        IOp.BrI64GeS => IOp.BrI64LtS,
        IOp.BrI64LtU => IOp.BrI64GeU,
        IOp.BrI64GeU => IOp.BrI64LtU,
        IOp.BrI64GtS => IOp.BrI64LeS,
        IOp.BrI64LeS => IOp.BrI64GtS,
        IOp.BrI64GtU => IOp.BrI64LeU,
        IOp.BrI64LeU => IOp.BrI64GtU,
        IOp.BrI64Eqz => IOp.BrI64Nez,
        IOp.BrI64Nez => IOp.BrI64Eqz,
        IOp.BrOnNull => IOp.BrOnNonNull,
        IOp.BrOnNonNull => IOp.BrOnNull,
        _ => throw new InvalidOperationException(op.ToString()),
    };

    private static Cond Invert(Cond c) => c with { Op = Invert(c.Op) };

    /// <summary>Pops an i32 condition, fusing it with the compare that produced it when possible.</summary>
    private Cond PopCond()
    {
        var top = _stack[_sp - 1];
        if (TopIsFreshProduct(top))
        {
            ref var last = ref _code[_pc - 1];
            IOp fused = (Opcode)last.Op switch
            {
                Opcode.I32Eqz => IOp.BrIfNot,
                Opcode.I32Eq => IOp.BrI32Eq,
                Opcode.I32Ne => IOp.BrI32Ne,
                Opcode.I32LtS => IOp.BrI32LtS,
                Opcode.I32LtU => IOp.BrI32LtU,
                Opcode.I32GtS => IOp.BrI32GtS,
                Opcode.I32GtU => IOp.BrI32GtU,
                Opcode.I32LeS => IOp.BrI32LeS,
                Opcode.I32LeU => IOp.BrI32LeU,
                Opcode.I32GeS => IOp.BrI32GeS,
                Opcode.I32GeU => IOp.BrI32GeU,
                Opcode.I64Eqz => IOp.BrI64Eqz,
                Opcode.I64Eq => IOp.BrI64Eq,
                Opcode.I64Ne => IOp.BrI64Ne,
                Opcode.I64LtS => IOp.BrI64LtS,
                Opcode.I64LtU => IOp.BrI64LtU,
                Opcode.I64GtS => IOp.BrI64GtS,
                Opcode.I64GtU => IOp.BrI64GtU,
                Opcode.I64LeS => IOp.BrI64LeS,
                Opcode.I64LeU => IOp.BrI64LeU,
                Opcode.I64GeS => IOp.BrI64GeS,
                Opcode.I64GeU => IOp.BrI64GeU,
                _ => 0,
            };
            if (fused != 0)
            {
                var cond = new Cond(fused, last.A, last.B);
                _pc--;
                _lastProducer = -1;
                Pop();
                return cond;
            }
        }
        var e = Pop();
        return new Cond(IOp.BrIf, e.Slot, 0);
    }

    /// <summary>Home slot of the i-th value carried to <paramref name="target"/>.</summary>
    private int TargetSlots(Ctrl target, Span<int> dst)
    {
        var carried = target.Carried;
        int slot = target.Kind == CtrlKind.Func ? 0 : _stackBase + target.StartHeight;
        for (int i = 0; i < carried.Length; i++)
        {
            dst[i] = slot;
            slot += Size(ClassOf(carried[i]));
        }
        return carried.Length;
    }

    private bool NeedsMoves(Ctrl target)
    {
        if (target.Kind == CtrlKind.Func)
        {
            return true;
        }
        int n = target.Carried.Length;
        Span<int> dst = n <= 64 ? stackalloc int[n] : new int[n];
        TargetSlots(target, dst);
        for (int i = 0; i < n; i++)
        {
            if (_stack[_sp - n + i].Slot != dst[i])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Copies the top <paramref name="n"/> values to consecutive slots from <paramref name="firstDst"/>. Emitted on
    /// one path only (a taken branch), so it must not change the abstract stack.
    /// </summary>
    private void EmitMovesTo(int n, int firstDst)
    {
        int dstEnd = firstDst;
        for (int i = _sp - n; i < _sp; i++)
        {
            dstEnd += Size(_stack[i].Cls);
        }
        Span<int> src = n <= 64 ? stackalloc int[n] : new int[n];
        for (int k = 0; k < n; k++)
        {
            ref var e = ref _stack[_sp - n + k];
            src[k] = e.Slot;
            // Destinations below the stack region (a return, a tail call) may hold locals or constants that a
            // later value still reads: send such values home first. Homes are never below their destinations.
            if (firstDst < _stackBase && e.Slot < _stackBase && e.Slot < dstEnd && e.Slot != e.Home)
            {
                EmitCopy(e.Cls, e.Home, e.Slot);
                src[k] = e.Home;
            }
        }
        int dst = firstDst;
        for (int k = 0; k < n; k++)
        {
            var cls = _stack[_sp - n + k].Cls;
            EmitCopy(cls, dst, src[k]);
            dst += Size(cls);
        }
    }

    /// <summary>Moves the carried values to the target's slots and jumps (or returns, for the function block).</summary>
    private void EmitBranchTo(Ctrl target)
    {
        if (target.Kind == CtrlKind.Func)
        {
            EmitReturn();
            return;
        }
        int n = target.Carried.Length;
        int first = _stackBase + target.StartHeight;
        EmitMovesTo(n, first);
        EmitJump(target, new Cond(IOp.Br, 0, 0));
    }

    private void EmitJump(Ctrl target, Cond cond)
    {
        if (target.Kind == CtrlKind.Loop)
        {
            Emit((int)cond.Op, a: cond.A, b: cond.B, x: target.LoopPc);
        }
        else
        {
            target.Fixups.Add(Emit((int)cond.Op, a: cond.A, b: cond.B, x: -1));
            target.EndReachable = true;
        }
    }

    private void EmitReturn()
    {
        int n = _type.Results.Length;
        if (n == 1 && _stack[_sp - 1].Cls == Cls.Num)
        {
            Emit((int)IOp.ReturnNum, a: _stack[_sp - 1].Slot);
            return;
        }
        EmitMovesTo(n, 0);
        Emit((int)IOp.Return);
    }

    /// <summary>Emits a conditional forward jump within the function; returns its index for <see cref="PatchHere"/>.</summary>
    private int EmitForward(Cond cond) => Emit((int)cond.Op, a: cond.A, b: cond.B, x: -1);

    private void PatchHere(int at)
    {
        _code[at].X = _pc;
        BindLabel();
    }

    private void PatchFixups(Ctrl c)
    {
        foreach (int f in c.Fixups)
        {
            if (f >= 0)
            {
                _code[f].X = _pc;
            }
            else
            {
                _brTables[~f] = _pc;
            }
        }
    }

    private void SetUnreachable()
    {
        _unreachable = true;
        _skipDepth = 0;
        _lastProducer = -1;
    }

    private void ResetStackTo(Ctrl c, ValType[] push)
    {
        _sp = c.StartSp;
        _height = c.StartHeight;
        foreach (var t in push)
        {
            PushHome(ClassOf(t));
        }
    }

    private void TranslateBlock(in Instruction ins, CtrlKind kind)
    {
        var (ps, rs) = BlockSignature(ins.Block);
        Cond cond = default;
        if (kind == CtrlKind.If)
        {
            cond = PopCond();
        }
        MaterializeAll();
        var c = NewCtrl(kind, ps, rs);
        _ctrls.Add(c);
        switch (kind)
        {
            case CtrlKind.Loop:
                BindLabel();
                c.LoopPc = _pc;
                _loops.Add((_pc, ins.Offset));
                break;
            case CtrlKind.If:
                c.ElseFixup = EmitForward(Invert(cond));
                break;
        }
    }

    private void TranslateElse()
    {
        var c = _ctrls[^1];
        if (!_unreachable)
        {
            MaterializeTop(c.Results.Length);
            c.Fixups.Add(Emit((int)IOp.Br, x: -1));
            c.EndReachable = true;
        }
        PatchHere(c.ElseFixup);
        c.ElseFixup = -1;
        c.Kind = CtrlKind.Else;
        ResetStackTo(c, c.Params);
        _unreachable = false;
    }

    private void TranslateEnd()
    {
        var c = _ctrls[^1];
        if (c.Kind == CtrlKind.Func)
        {
            // Branches to the function's label are returns of their own, so nothing joins here: return the values
            // from wherever they are (a local, a constant) without copying them home first.
            if (!_unreachable)
            {
                EmitReturn();
            }
            _ctrls.RemoveAt(_ctrls.Count - 1);
            return;
        }
        if (!_unreachable)
        {
            MaterializeTop(c.Results.Length);
            c.EndReachable = true;
        }
        if (c.ElseFixup >= 0)
        {
            // An if without else: the false path falls to the end with its parameters as results.
            _code[c.ElseFixup].X = _pc;
            c.EndReachable = true;
        }
        PatchFixups(c);
        BindLabel();
        ResetStackTo(c, c.Results);
        _unreachable = !c.EndReachable;
        _ctrls.RemoveAt(_ctrls.Count - 1);
        _ctrlPool.Add(c);
    }

    private void TranslateBr(uint depth)
    {
        EmitBranchTo(_ctrls[^(1 + (int)depth)]);
        SetUnreachable();
    }

    private void TranslateBrIf(uint depth)
    {
        var target = _ctrls[^(1 + (int)depth)];
        var cond = PopCond();
        if (NeedsMoves(target))
        {
            int skip = EmitForward(Invert(cond));
            EmitBranchTo(target);
            PatchHere(skip);
        }
        else
        {
            EmitJump(target, cond);
        }
    }

    private void TranslateBrTable(ref InstructionReader reader, in Instruction ins)
    {
        var index = Pop();
        var targets = reader.Targets(ins);
        int count = targets.Length + 1;
        int start = _brTables.Count;
        for (int i = 0; i < count; i++)
        {
            _brTables.Add(-1);
        }
        Emit((int)IOp.BrTable, a: index.Slot, e: start, x: count);
        // Targets that need value moves (or a return) get a stub after the br_table; one stub per depth.
        var stubs = new Dictionary<uint, int>();
        for (int i = 0; i < count; i++)
        {
            uint depth = i < targets.Length ? targets[i] : ins.B;
            var target = _ctrls[^(1 + (int)depth)];
            if (NeedsMoves(target))
            {
                if (!stubs.ContainsKey(depth))
                {
                    stubs.Add(depth, -1);
                }
                _brTables[start + i] = -2 - (int)depth;
            }
            else if (target.Kind == CtrlKind.Loop)
            {
                _brTables[start + i] = target.LoopPc;
            }
            else
            {
                target.Fixups.Add(~(start + i));
                target.EndReachable = true;
            }
        }
        foreach (var depth in stubs.Keys.ToArray())
        {
            BindLabel();
            int at = _pc;
            EmitBranchTo(_ctrls[^(1 + (int)depth)]);
            for (int i = 0; i < count; i++)
            {
                if (_brTables[start + i] == -2 - (int)depth)
                {
                    _brTables[start + i] = at;
                }
            }
        }
        SetUnreachable();
    }

    private void TranslateCall(FuncType ft, IOp op, int e, long x, bool hasOperand)
    {
        Entry operand = default;
        if (hasOperand)
        {
            operand = Pop();
        }
        int n = ft.Params.Length;
        MaterializeTop(n);
        int argBase = n > 0 ? _stack[_sp - n].Home : NextHome;
        for (int i = 0; i < n; i++)
        {
            Pop();
        }
        Emit((int)op, d: argBase, a: operand.Slot, e: e, x: x);
        foreach (var r in ft.Results)
        {
            PushHome(ClassOf(r));
        }
        _lastProducer = -1;
    }

    private void TranslateReturnCall(FuncType ft, IOp op, int e, long x, bool hasOperand)
    {
        int operandSlot = 0;
        if (hasOperand)
        {
            // The table index or reference is read after the arguments move down: keep it out of their way.
            Materialize(_sp - 1);
            operandSlot = Pop().Slot;
        }
        EmitMovesTo(ft.Params.Length, 0);
        Emit((int)op, a: operandSlot, e: e, x: x);
        SetUnreachable();
    }
}
