using WasmJit.Binary;

namespace WasmJit.Interpreter;

/// <summary>The per-instruction translation switch.</summary>
internal sealed partial class Translator
{
    private void TranslateInstruction(ref InstructionReader reader, in Instruction ins)
    {
        switch (ins.Op)
        {
            case Opcode.Unreachable:
                Emit((int)Opcode.Unreachable);
                SetUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block:
                TranslateBlock(ins, CtrlKind.Block);
                break;
            case Opcode.Loop:
                TranslateBlock(ins, CtrlKind.Loop);
                break;
            case Opcode.If:
                TranslateBlock(ins, CtrlKind.If);
                break;
            case Opcode.Else:
                TranslateElse();
                break;
            case Opcode.End:
                TranslateEnd();
                break;
            case Opcode.Br:
                TranslateBr(ins.A);
                break;
            case Opcode.BrIf:
                TranslateBrIf(ins.A);
                break;
            case Opcode.BrTable:
                TranslateBrTable(ref reader, ins);
                break;
            case Opcode.Return:
                EmitReturn();
                SetUnreachable();
                break;
            case Opcode.Call:
                TranslateCall(_module.FuncTypeOf((int)ins.A), IOp.Call, (int)ins.A, 0, false);
                break;
            case Opcode.CallIndirect:
                TranslateCall(_module.FuncTypeAt((int)ins.A), IOp.CallIndirect, (int)ins.A, ins.B, true);
                break;
            case Opcode.CallRef:
                TranslateCall(_module.FuncTypeAt((int)ins.A), IOp.CallRef, (int)ins.A, 0, true);
                break;
            case Opcode.ReturnCall:
                TranslateReturnCall(_module.FuncTypeOf((int)ins.A), IOp.ReturnCall, (int)ins.A, 0, false);
                break;
            case Opcode.ReturnCallIndirect:
                TranslateReturnCall(_module.FuncTypeAt((int)ins.A), IOp.ReturnCallIndirect, (int)ins.A, ins.B, true);
                break;
            case Opcode.ReturnCallRef:
                TranslateReturnCall(_module.FuncTypeAt((int)ins.A), IOp.ReturnCallRef, (int)ins.A, 0, true);
                break;
            case Opcode.Drop:
                Pop();
                break;
            case Opcode.Select:
            case Opcode.SelectT:
                {
                    var cond = Pop();
                    var b = Pop();
                    var a = Pop();
                    var op = a.Cls switch
                    {
                        Cls.V128 => IOp.SelectV128,
                        Cls.Ref => IOp.SelectRef,
                        _ => IOp.Select,
                    };
                    EmitProducer((int)op, PushHome(a.Cls), a.Slot, b.Slot, cond.Slot);
                    break;
                }
            case Opcode.LocalGet:
                Push(_localCls[ins.A], _localSlot[ins.A]);
                break;
            case Opcode.LocalSet:
            case Opcode.LocalTee:
                TranslateLocalSet((int)ins.A, ins.Op == Opcode.LocalTee);
                break;
            case Opcode.GlobalGet:
                {
                    var cls = ClassOf(_module.Globals[(int)ins.A].Type.Type);
                    var op = cls switch
                    {
                        Cls.V128 => IOp.GlobalGetV128,
                        Cls.Ref => IOp.GlobalGetRef,
                        _ => IOp.GlobalGet,
                    };
                    EmitProducer((int)op, PushHome(cls), e: (int)ins.A);
                    break;
                }
            case Opcode.GlobalSet:
                {
                    var v = Pop();
                    var op = v.Cls switch
                    {
                        Cls.V128 => IOp.GlobalSetV128,
                        Cls.Ref => IOp.GlobalSetRef,
                        _ => IOp.GlobalSet,
                    };
                    Emit((int)op, a: v.Slot, e: (int)ins.A);
                    break;
                }
            case Opcode.I32Const:
                PushConst((uint)ins.Imm);
                break;
            case Opcode.I64Const:
            case Opcode.F64Const:
                PushConst(ins.Imm);
                break;
            case Opcode.F32Const:
                PushConst((uint)ins.Imm);
                break;
            case Opcode.V128Const:
                PushConstV128(in ins.V128);
                break;

            // Conversions that do not change the slot's bits (i32 is kept zero-extended): no instruction at all.
            case Opcode.I64ExtendI32U:
            case Opcode.I32ReinterpretF32:
            case Opcode.F32ReinterpretI32:
            case Opcode.I64ReinterpretF64:
            case Opcode.F64ReinterpretI64:
                break;

            case Opcode.RefNull:
                EmitProducer((int)IOp.RefNull, PushHome(Cls.Ref));
                break;
            case Opcode.RefIsNull:
                {
                    var r = Pop();
                    EmitProducer((int)IOp.RefIsNull, PushHome(Cls.Num), r.Slot);
                    break;
                }
            case Opcode.RefFunc:
                EmitProducer((int)IOp.RefFunc, PushHome(Cls.Ref), e: (int)ins.A);
                break;
            case Opcode.RefAsNonNull:
                Emit((int)IOp.RefAsNonNull, a: _stack[_sp - 1].Slot);
                break;
            case Opcode.BrOnNull:
                {
                    var r = Pop();
                    var target = _ctrls[^(1 + (int)ins.A)];
                    if (NeedsMoves(target))
                    {
                        int skip = EmitForward(new Cond(IOp.BrOnNonNull, r.Slot, 0));
                        EmitBranchTo(target);
                        PatchHere(skip);
                    }
                    else
                    {
                        EmitJump(target, new Cond(IOp.BrOnNull, r.Slot, 0));
                    }
                    Push(Cls.Ref, r.Slot);
                    break;
                }
            case Opcode.BrOnNonNull:
                {
                    var target = _ctrls[^(1 + (int)ins.A)];
                    int refSlot = _stack[_sp - 1].Slot;
                    if (NeedsMoves(target))
                    {
                        int skip = EmitForward(new Cond(IOp.BrOnNull, refSlot, 0));
                        EmitBranchTo(target);
                        PatchHere(skip);
                    }
                    else
                    {
                        EmitJump(target, new Cond(IOp.BrOnNonNull, refSlot, 0));
                    }
                    Pop();
                    break;
                }

            case Opcode.TableGet:
                {
                    var i = Pop();
                    EmitProducer((int)ins.Op, PushHome(Cls.Ref), i.Slot, e: (int)ins.A);
                    break;
                }
            case Opcode.TableSet:
                {
                    var v = Pop();
                    var i = Pop();
                    Emit((int)ins.Op, a: i.Slot, b: v.Slot, e: (int)ins.A);
                    break;
                }
            case Opcode.TableSize:
                EmitProducer((int)ins.Op, PushHome(Cls.Num), e: (int)ins.A);
                break;
            case Opcode.TableGrow:
                {
                    var n = Pop();
                    var init = Pop();
                    Emit((int)ins.Op, d: PushHome(Cls.Num), a: init.Slot, b: n.Slot, e: (int)ins.A);
                    break;
                }
            case Opcode.TableFill:
            case Opcode.TableCopy:
            case Opcode.TableInit:
            case Opcode.MemoryInit:
            case Opcode.MemoryCopy:
            case Opcode.MemoryFill:
                {
                    var n = Pop();
                    var s = Pop();
                    var d = Pop();
                    // E: the table or memory written; X: the source table/memory/segment.
                    (int e, long x) = ins.Op switch
                    {
                        Opcode.TableInit => ((int)ins.B, (long)ins.A),
                        Opcode.MemoryInit => ((int)ins.B, (long)ins.A),
                        Opcode.TableCopy or Opcode.MemoryCopy => ((int)ins.A, (long)ins.B),
                        _ => ((int)ins.A, 0L),
                    };
                    Emit((int)ins.Op, a: d.Slot, b: s.Slot, c: n.Slot, e: e, x: x);
                    break;
                }
            case Opcode.ElemDrop:
            case Opcode.DataDrop:
                Emit((int)ins.Op, e: (int)ins.A);
                break;
            case Opcode.MemorySize:
                EmitProducer((int)ins.Op, PushHome(Cls.Num), e: (int)ins.A);
                break;
            case Opcode.MemoryGrow:
                {
                    var n = Pop();
                    Emit((int)ins.Op, d: PushHome(Cls.Num), a: n.Slot, e: (int)ins.A);
                    break;
                }

            default:
                TranslateSimple(in ins);
                break;
        }
    }

    private void TranslateLocalSet(int local, bool tee)
    {
        int slot = _localSlot[local];
        var cls = _localCls[local];
        InvalidateLocal(slot);
        var v = _stack[_sp - 1];
        if (TopIsFreshProduct(v))
        {
            // The value was just computed into its home: compute it straight into the local instead.
            _code[_pc - 1].D = slot;
            _lastProducer = -1;
        }
        else
        {
            EmitCopy(cls, slot, v.Slot);
        }
        Pop();
        if (tee)
        {
            Push(cls, slot);
        }
    }

    /// <summary>Instructions with a plain operand signature in opcodes.tbl: numeric, memory and SIMD.</summary>
    private void TranslateSimple(in Instruction ins)
    {
        ref readonly var info = ref ins.Info;
        if (!info.HasSignature || (info.Feature & (WasmFeatures.Gc | WasmFeatures.ExceptionHandling)) != 0)
        {
            throw Unsupported(ins.Op);
        }
        if ((info.Feature & (WasmFeatures.Simd | WasmFeatures.RelaxedSimd)) != 0 && !SimdTable.Supports(ins.Op))
        {
            throw Unsupported(ins.Op);
        }
        if (IsScalarMemoryOp(ins.Op))
        {
            TranslateScalarMemory(in ins);
            return;
        }
        int n = info.PopCount;
        Span<int> src = stackalloc int[3];
        for (int i = n - 1; i >= 0; i--)
        {
            src[i] = Pop().Slot;
        }
        int e = 0;
        long x = 0;
        switch (info.Imm)
        {
            case ImmKind.Memarg:
                e = (int)ins.B;
                x = (long)ins.Imm;
                break;
            case ImmKind.Memarglane:
                e = (int)ins.B | (ins.Lane << 24);
                x = (long)ins.Imm;
                break;
            case ImmKind.Lane:
                e = ins.Lane;
                break;
            case ImmKind.Shuffle:
                e = AddV128(in ins.V128);
                break;
        }
        if (info.Push == SigType.None)
        {
            Emit((int)ins.Op, a: src[0], b: src[1], c: src[2], e: e, x: x);
        }
        else
        {
            EmitProducer((int)ins.Op, PushHome(ClassOf(info.Push)), src[0], src[1], src[2], e, x);
        }
    }

    /// <summary>
    /// A scalar load or store. On a 32-bit memory 0 the address is two slots added as an i32 plus the offset: an
    /// <c>i32.add</c> computing the address just before is folded in (compiled C indexes arrays that way, as
    /// LLVM may not fold a constant into the unsigned offset); otherwise the second slot is the pool's 0.
    /// Loads: address A + B, result D. Stores: address A + C, value B.
    /// </summary>
    private void TranslateScalarMemory(in Instruction ins)
    {
        bool store = ins.Info.Push == SigType.None;
        long offset = (long)ins.Imm;
        if (ins.B != 0 || !_fastMemory)
        {
            if (store)
            {
                var value = Pop();
                var addr = Pop();
                Emit((int)IOp.MemAccess, a: addr.Slot, b: value.Slot, c: (int)ins.Op, e: (int)ins.B, x: offset);
            }
            else
            {
                var addr = Pop();
                EmitProducer((int)IOp.MemAccess, PushHome(Cls.Num), addr.Slot, 0, (int)ins.Op, (int)ins.B, offset);
            }
            return;
        }
        if (store)
        {
            var value = Pop();
            var (a, c) = PopAddress();
            Emit((int)ins.Op, a: a, b: value.Slot, c: c, x: offset);
        }
        else
        {
            var (a, b) = PopAddress();
            EmitProducer((int)ins.Op, PushHome(Cls.Num), a, b, 0, 0, offset);
        }
    }

    /// <summary>
    /// Pops an address as two slots to add. When the last instruction is the <c>i32.add</c> that computed it into its
    /// home (for a store, the value above it was pushed without code: a local or a constant), that add is removed.
    /// </summary>
    private (int A, int B) PopAddress()
    {
        var addr = _stack[_sp - 1];
        if (_lastProducer == _pc - 1 && _lastProducer >= _barrier && addr.Slot == addr.Home
            && _code[_lastProducer].D == addr.Home && _code[_lastProducer].Op == (int)Opcode.I32Add)
        {
            var add = _code[--_pc];
            _lastProducer = -1;
            Pop();
            return (add.A, add.B);
        }
        Pop();
        return (addr.Slot, _zeroSlot);
    }
}
