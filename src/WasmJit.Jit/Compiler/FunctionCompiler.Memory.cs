using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using WasmJit.Binary;

namespace WasmJit.Jit;

/// <summary>
/// Memory, table and global access (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions).
/// A load or store is an inline unsigned bounds check of <c>address + offset + size</c> against the cached length,
/// then a raw access at <c>base + address + offset</c>; no helper call.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private bool Is64(int memory) => _module.Memories[memory].Is64;

    private void EmitMemoryAccess(in Instruction ins)
    {
        switch (ins.Op)
        {
            case Opcode.I32Load: Load(ins, 4, ValKind.I32, OpCodes.Ldind_I4); return;
            case Opcode.I64Load: Load(ins, 8, ValKind.I64, OpCodes.Ldind_I8); return;
            case Opcode.F32Load: Load(ins, 4, ValKind.F32, OpCodes.Ldind_R4); return;
            case Opcode.F64Load: Load(ins, 8, ValKind.F64, OpCodes.Ldind_R8); return;
            case Opcode.I32Load8S: Load(ins, 1, ValKind.I32, OpCodes.Ldind_I1); return;
            case Opcode.I32Load8U: Load(ins, 1, ValKind.I32, OpCodes.Ldind_U1); return;
            case Opcode.I32Load16S: Load(ins, 2, ValKind.I32, OpCodes.Ldind_I2); return;
            case Opcode.I32Load16U: Load(ins, 2, ValKind.I32, OpCodes.Ldind_U2); return;
            case Opcode.I64Load8S: Load(ins, 1, ValKind.I64, OpCodes.Ldind_I1, OpCodes.Conv_I8); return;
            case Opcode.I64Load8U: Load(ins, 1, ValKind.I64, OpCodes.Ldind_U1, OpCodes.Conv_U8); return;
            case Opcode.I64Load16S: Load(ins, 2, ValKind.I64, OpCodes.Ldind_I2, OpCodes.Conv_I8); return;
            case Opcode.I64Load16U: Load(ins, 2, ValKind.I64, OpCodes.Ldind_U2, OpCodes.Conv_U8); return;
            case Opcode.I64Load32S: Load(ins, 4, ValKind.I64, OpCodes.Ldind_I4, OpCodes.Conv_I8); return;
            case Opcode.I64Load32U: Load(ins, 4, ValKind.I64, OpCodes.Ldind_U4, OpCodes.Conv_U8); return;
            case Opcode.I32Store: Store(ins, 4, OpCodes.Stind_I4); return;
            case Opcode.I64Store: Store(ins, 8, OpCodes.Stind_I8); return;
            case Opcode.F32Store: Store(ins, 4, OpCodes.Stind_R4); return;
            case Opcode.F64Store: Store(ins, 8, OpCodes.Stind_R8); return;
            case Opcode.I32Store8: Store(ins, 1, OpCodes.Stind_I1); return;
            case Opcode.I32Store16: Store(ins, 2, OpCodes.Stind_I2); return;
            case Opcode.I64Store8: Store(ins, 1, OpCodes.Stind_I1, OpCodes.Conv_I4); return;
            case Opcode.I64Store16: Store(ins, 2, OpCodes.Stind_I2, OpCodes.Conv_I4); return;
            case Opcode.I64Store32: Store(ins, 4, OpCodes.Stind_I4, OpCodes.Conv_I4); return;
            case Opcode.V128Load:
                CheckedAddress(ins, 16, 0);
                _il.Emit(OpCodes.Ldobj, typeof(Vector128<byte>));
                Push(ValKind.V128);
                return;
            case Opcode.V128Store:
            {
                Spill();
                var value = SlotAt(0);
                PopSpilled(1);
                CheckedAddress(ins, 16, 0);
                _il.Emit(OpCodes.Ldloc, value);
                _il.Emit(OpCodes.Stobj, typeof(Vector128<byte>));
                return;
            }
        }
        if (ins.Info.Feature.HasFlag(WasmFeatures.Simd))
        {
            EmitSimdMemory(ins);
            return;
        }
        if (ins.Info.Feature.HasFlag(WasmFeatures.Threads))
        {
            EmitAtomic(ins);
            return;
        }
        throw Unsupported(ins);
    }

    private void Load(in Instruction ins, int size, ValKind kind, OpCode load, OpCode? extend = null)
    {
        CheckedAddress(ins, size, 0);
        _il.Emit(load);
        if (extend is { } e)
        {
            _il.Emit(e);
        }
        Push(kind);
    }

    private void Store(in Instruction ins, int size, OpCode store, OpCode? narrow = null)
    {
        Spill();
        var value = SlotAt(0);
        PopSpilled(1);
        CheckedAddress(ins, size, 0);
        _il.Emit(OpCodes.Ldloc, value);
        if (narrow is { } n)
        {
            _il.Emit(n);
        }
        _il.Emit(store);
    }

    /// <summary>
    /// Pops the address (the top value, below <paramref name="above"/> spilled values that stay put), emits the
    /// bounds check for an access of <paramref name="size"/> bytes and pushes the native address on the IL stack
    /// (not on the wasm stack). The IL stack is empty at the check, so it can branch to the shared trap block.
    /// </summary>
    private void CheckedAddress(in Instruction ins, int size, int above)
    {
        Spill();
        int m = (int)ins.B;
        ulong offset = ins.Imm;
        var addr = SlotAt(above);
        if (above == 0)
        {
            PopSpilled(1);
        }
        var oob = TrapLabel(TrapKind.MemoryOutOfBounds);
        ulong end = offset + (ulong)size;
        if (_module.Memories[m].Shared)
        {
            // Another thread may have grown a shared memory since the length was cached: before trapping, re-read
            // the live length and check once more. The retry is off the in-bounds path.
            var inBounds = _il.DefineLabel();
            var retry = _il.DefineLabel();
            EmitBoundsCheck(m, addr, offset, end, retry);
            _il.Emit(OpCodes.Br, inBounds);
            _il.MarkLabel(retry);
            ReloadMemoryLength(m);
            EmitBoundsCheck(m, addr, offset, end, oob);
            _il.MarkLabel(inBounds);
        }
        else
        {
            EmitBoundsCheck(m, addr, offset, end, oob);
        }
        _il.Emit(OpCodes.Ldloc, _memBase[m]!);
        _il.Emit(OpCodes.Ldloc, addr);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Add);
        if (offset != 0)
        {
            EmitLdcI8((long)offset);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Add);
        }
    }

    /// <summary>Branches to <paramref name="outOfBounds"/> unless [addr + offset, addr + end) lies within memory m.</summary>
    private void EmitBoundsCheck(int m, LocalBuilder addr, ulong offset, ulong end, Label outOfBounds)
    {
        if (!Is64(m))
        {
            // A 32-bit address plus a 32-bit offset plus the size cannot overflow 64 bits: one compare.
            _il.Emit(OpCodes.Ldloc, addr);
            _il.Emit(OpCodes.Conv_U8);
            EmitLdcI8((long)end);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloc, _memLen[m]!);
            _il.Emit(OpCodes.Bgt_Un, outOfBounds);
            return;
        }
        if (end < offset)
        {
            _il.Emit(OpCodes.Br, outOfBounds);
        }
        // addr > len - end, with len >= end checked first so the subtraction cannot wrap.
        _il.Emit(OpCodes.Ldloc, _memLen[m]!);
        EmitLdcI8((long)end);
        _il.Emit(OpCodes.Blt_Un, outOfBounds);
        _il.Emit(OpCodes.Ldloc, addr);
        _il.Emit(OpCodes.Ldloc, _memLen[m]!);
        EmitLdcI8((long)end);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Bgt_Un, outOfBounds);
    }

    private void ReloadMemoryLength(int m)
    {
        _il.Emit(OpCodes.Ldloc, _memObj[m]!);
        _il.Emit(OpCodes.Call, JitMembers.MemLength);
        _il.Emit(OpCodes.Stloc, _memLen[m]!);
    }

    private void EmitMemorySize(int m)
    {
        if (_module.Memories[m].Shared)
        {
            // A shared memory's size can change under us at any time: read it live.
            ReloadMemoryLength(m);
        }
        _il.Emit(OpCodes.Ldloc, _memLen[m]!);
        EmitLdcI4(_module.Memories[m].PageSizeLog2);
        _il.Emit(OpCodes.Shr_Un);
        if (!Is64(m))
        {
            _il.Emit(OpCodes.Conv_I4);
        }
        Push(Is64(m) ? ValKind.I64 : ValKind.I32);
    }

    private void EmitMemoryGrow(int m)
    {
        Need(1);
        if (!Is64(m))
        {
            _il.Emit(OpCodes.Conv_U8);
        }
        _il.Emit(OpCodes.Ldloc, _memObj[m]!);
        Call(JitMembers.MemoryGrow);
        if (!Is64(m))
        {
            _il.Emit(OpCodes.Conv_I4);
        }
        var kind = Peek();
        Pop(1);
        Push(kind);
        RefreshMemoryLengths();
    }

    /// <summary>With the stack spilled, loads the top <paramref name="n"/> values, zero-extending i32s to u64.</summary>
    private void LoadSlotsWidened(int n)
    {
        for (int i = _stack.Count - n; i < _stack.Count; i++)
        {
            _il.Emit(OpCodes.Ldloc, Slot(i, _stack[i]));
            if (_stack[i] == ValKind.I32)
            {
                _il.Emit(OpCodes.Conv_U8);
            }
        }
    }

    private void EmitMemoryFill(int m)
    {
        Spill();
        int d = _stack.Count - 3;
        _il.Emit(OpCodes.Ldloc, Slot(d, _stack[d]));
        if (_stack[d] == ValKind.I32)
        {
            _il.Emit(OpCodes.Conv_U8);
        }
        _il.Emit(OpCodes.Ldloc, Slot(d + 1, ValKind.I32));
        _il.Emit(OpCodes.Ldloc, Slot(d + 2, _stack[d + 2]));
        if (_stack[d + 2] == ValKind.I32)
        {
            _il.Emit(OpCodes.Conv_U8);
        }
        _il.Emit(OpCodes.Ldloc, _memObj[m]!);
        Call(JitMembers.MemoryFill);
        PopSpilled(3);
    }

    private void EmitMemoryCopy(int dst, int src)
    {
        Spill();
        LoadSlotsWidened(3);
        _il.Emit(OpCodes.Ldloc, _memObj[dst]!);
        _il.Emit(OpCodes.Ldloc, _memObj[src]!);
        Call(JitMembers.MemoryCopy);
        PopSpilled(3);
    }

    private void EmitMemoryInit(int segment, int m)
    {
        Spill();
        LoadSlotsWidened(3);
        EmitLdcI4(segment);
        _il.Emit(OpCodes.Ldloc, _memObj[m]!);
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        Call(JitMembers.MemoryInit);
        PopSpilled(3);
    }

    // ---- globals ----

    private void EmitGlobalGet(int g)
    {
        var kind = _module.Globals[g].Type.Type.Kind;
        _il.Emit(OpCodes.Ldloc, _globalCells[g]!);
        if (kind == ValKind.Ref)
        {
            _il.Emit(OpCodes.Ldfld, JitMembers.GlobalRef);
        }
        else if (kind == ValKind.V128)
        {
            // Bits and High are separate fields (the CLR may lay them out apart): combine them.
            Call(JitMembers.M(typeof(JitHelpers), nameof(JitHelpers.GetGlobalV128)));
        }
        else
        {
            _il.Emit(OpCodes.Ldflda, JitMembers.GlobalBits);
            EmitLoadIndirect(kind);
        }
        Push(kind);
    }

    private void EmitGlobalSet(int g)
    {
        var kind = _module.Globals[g].Type.Type.Kind;
        Spill();
        var value = SlotAt(0);
        PopSpilled(1);
        _il.Emit(OpCodes.Ldloc, _globalCells[g]!);
        if (kind == ValKind.Ref)
        {
            _il.Emit(OpCodes.Ldloc, value);
            _il.Emit(OpCodes.Stfld, JitMembers.GlobalRef);
        }
        else if (kind == ValKind.V128)
        {
            _il.Emit(OpCodes.Ldloc, value);
            Call(JitMembers.M(typeof(JitHelpers), nameof(JitHelpers.SetGlobalV128)));
        }
        else
        {
            _il.Emit(OpCodes.Ldflda, JitMembers.GlobalBits);
            _il.Emit(OpCodes.Ldloc, value);
            EmitStoreIndirect(kind);
        }
    }

    private void EmitLoadIndirect(ValKind kind)
    {
        switch (kind)
        {
            case ValKind.I32: _il.Emit(OpCodes.Ldind_I4); break;
            case ValKind.I64: _il.Emit(OpCodes.Ldind_I8); break;
            case ValKind.F32: _il.Emit(OpCodes.Ldind_R4); break;
            case ValKind.F64: _il.Emit(OpCodes.Ldind_R8); break;
            case ValKind.V128: _il.Emit(OpCodes.Ldobj, typeof(Vector128<byte>)); break;
            default: _il.Emit(OpCodes.Ldind_Ref); break;
        }
    }

    // ---- tables ----

    private LocalBuilder? _elemsTemp;
    private LocalBuilder? _tableTemp;

    private bool TableIs64(int t) => _module.Tables[t].Type.Is64;

    private void EmitLoadTable(int t)
    {
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        _il.Emit(OpCodes.Ldfld, JitMembers.CtxTables);
        EmitLdcI4(t);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    /// <summary>
    /// With the stack spilled and the index in <paramref name="index"/>: checks the index against the table's size
    /// (trap <paramref name="trap"/>), loads its element array into a temp and returns the temp. The size is read
    /// before the array: growth replaces the array before it raises the size.
    /// </summary>
    private LocalBuilder CheckedTableIndex(int t, LocalBuilder index, TrapKind trap)
    {
        var elems = _elemsTemp ??= _il.DeclareLocal(typeof(object[]));
        var table = _tableTemp ??= _il.DeclareLocal(typeof(TableInstance));
        EmitLoadTable(t);
        _il.Emit(OpCodes.Stloc, table);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Ldloc, table);
        _il.Emit(OpCodes.Ldfld, JitMembers.TableCount);
        if (TableIs64(t))
        {
            _il.Emit(OpCodes.Conv_U8);
        }
        _il.Emit(OpCodes.Bge_Un, TrapLabel(trap));
        _il.Emit(OpCodes.Ldloc, table);
        _il.Emit(OpCodes.Ldfld, JitMembers.TableElements);
        _il.Emit(OpCodes.Stloc, elems);
        return elems;
    }

    private void EmitTableGet(int t)
    {
        Spill();
        var index = SlotAt(0);
        PopSpilled(1);
        var elems = CheckedTableIndex(t, index, TrapKind.TableOutOfBounds);
        _il.Emit(OpCodes.Ldloc, elems);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Ldelem_Ref);
        Push(ValKind.Ref);
    }

    private void EmitTableSet(int t)
    {
        Spill();
        var value = SlotAt(0);
        var index = SlotAt(1);
        PopSpilled(2);
        var elems = CheckedTableIndex(t, index, TrapKind.TableOutOfBounds);
        _il.Emit(OpCodes.Ldloc, elems);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Ldloc, value);
        _il.Emit(OpCodes.Stelem_Ref);
    }

    private void EmitTableSize(int t)
    {
        EmitLoadTable(t);
        _il.Emit(OpCodes.Ldfld, JitMembers.TableCount);
        if (TableIs64(t))
        {
            _il.Emit(OpCodes.Conv_U8);
        }
        Push(TableIs64(t) ? ValKind.I64 : ValKind.I32);
    }

    private void EmitTableGrow(int t)
    {
        Spill();
        LoadSlotsWidened(2);
        EmitLoadTable(t);
        Call(JitMembers.TableGrow);
        if (!TableIs64(t))
        {
            _il.Emit(OpCodes.Conv_I4);
        }
        var kind = Peek();
        PopSpilled(2);
        Push(kind);
    }

    private void EmitTableFill(int t)
    {
        Spill();
        LoadSlotsWidened(3);
        EmitLoadTable(t);
        Call(JitMembers.TableFill);
        PopSpilled(3);
    }

    private void EmitTableCopy(int dst, int src)
    {
        Spill();
        LoadSlotsWidened(3);
        EmitLoadTable(dst);
        EmitLoadTable(src);
        Call(JitMembers.TableCopy);
        PopSpilled(3);
    }

    private void EmitTableInit(int segment, int t)
    {
        Spill();
        LoadSlotsWidened(3);
        EmitLdcI4(segment);
        EmitLoadTable(t);
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        Call(JitMembers.TableInit);
        PopSpilled(3);
    }

    private void EmitRefFunc(int f)
    {
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        _il.Emit(OpCodes.Ldfld, JitMembers.CtxFunctions);
        EmitLdcI4(f);
        _il.Emit(OpCodes.Ldelem_Ref);
        Push(ValKind.Ref);
    }

    private void EmitRefAsNonNull()
    {
        Spill();
        _il.Emit(OpCodes.Ldloc, SlotAt(0));
        _il.Emit(OpCodes.Brfalse, TrapLabel(TrapKind.NullReference));
    }
}
