using System.Reflection;
using System.Reflection.Emit;

namespace WasmJit.Jit;

/// <summary>
/// Calls (https://webassembly.github.io/spec/core/exec/instructions.html#xref-syntax-instructions-syntax-instr-control-mathsf-call-x).
/// A callee compiled in the same batch is called directly (<c>call</c> of its DynamicMethod); anything else goes
/// through its <see cref="FunctionInstance.CompiledEntry"/>: <c>calli</c> on <see cref="TypedEntry.Address"/> with
/// <see cref="TypedEntry.Target"/> as the last argument (compiled code of another batch, or a bridge into the
/// runtime's slot convention for interpreted and host functions). Tail calls use the IL <c>tail.</c> prefix; RyuJIT turns
/// them into jumps when the arguments fit in the caller's frame and otherwise uses its tail-call helper, which also
/// runs in constant stack.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private void EmitCall(int f, bool tail)
    {
        var ft = _module.FuncTypeOf(f);
        var direct = _mc.DirectTarget(f, _funcIndex);
        if (tail)
        {
            Spill();
            LoadSlots(ft.Params.Length);
        }
        else
        {
            Need(ft.Params.Length);
        }
        PushResultRefs(ft, tail);
        if (direct is not null)
        {
            _il.Emit(OpCodes.Ldarg, _ctxArg);
            if (tail)
            {
                _il.Emit(OpCodes.Tailcall);
            }
            _il.Emit(OpCodes.Call, direct);
        }
        else
        {
            var fi = FunctionTemp();
            _il.Emit(OpCodes.Ldarg, _ctxArg);
            _il.Emit(OpCodes.Ldfld, JitMembers.CtxFunctions);
            EmitLdcI4(f);
            _il.Emit(OpCodes.Ldelem_Ref);
            _il.Emit(OpCodes.Stloc, fi);
            EmitCalliThrough(fi, ft, tail);
        }
        FinishCall(ft, tail);
    }

    private void EmitCallIndirect(int typeIndex, int table, bool tail)
    {
        var ft = _module.FuncTypeAt(typeIndex);
        Spill();
        var index = SlotAt(0);
        PopSpilled(1);
        var elems = CheckedTableIndex(table, index, TrapKind.UndefinedElement);
        var fi = FunctionTemp();
        _il.Emit(OpCodes.Ldloc, elems);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Ldelem_Ref);
        _il.Emit(OpCodes.Castclass, typeof(FunctionInstance));
        _il.Emit(OpCodes.Stloc, fi);
        var present = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, fi);
        _il.Emit(OpCodes.Brtrue, present);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(OpCodes.Conv_U8);
        _il.Emit(OpCodes.Call, JitMembers.UninitializedElement);
        _il.Emit(OpCodes.Throw);
        _il.MarkLabel(present);
        // Canonical types are process-wide, so the exact-type check is one compare with a constant id; a subtype
        // (Wasm 3.0 declared subtyping) takes the helper.
        var typeOk = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, fi);
        _il.Emit(OpCodes.Call, JitMembers.FuncCanonicalType);
        _il.Emit(OpCodes.Call, JitMembers.TypeId);
        EmitLdcI4(_mc.Types[typeIndex].Id);
        _il.Emit(OpCodes.Beq, typeOk);
        _il.Emit(OpCodes.Ldloc, fi);
        EmitLdcI4(typeIndex);
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        Call(JitMembers.CheckSubtype);
        _il.MarkLabel(typeOk);
        LoadSlots(ft.Params.Length);
        PushResultRefs(ft, tail);
        EmitCalliThrough(fi, ft, tail);
        FinishCall(ft, tail);
    }

    private void EmitCallRef(int typeIndex, bool tail)
    {
        var ft = _module.FuncTypeAt(typeIndex);
        Spill();
        var r = SlotAt(0);
        PopSpilled(1);
        var fi = FunctionTemp();
        _il.Emit(OpCodes.Ldloc, r);
        _il.Emit(OpCodes.Castclass, typeof(FunctionInstance));
        _il.Emit(OpCodes.Stloc, fi);
        _il.Emit(OpCodes.Ldloc, fi);
        _il.Emit(OpCodes.Brfalse, TrapLabel(TrapKind.NullFunctionReference));
        LoadSlots(ft.Params.Length);
        PushResultRefs(ft, tail);
        EmitCalliThrough(fi, ft, tail);
        FinishCall(ft, tail);
    }

    private LocalBuilder? _functionTemp;

    private LocalBuilder? _entryTemp;

    private LocalBuilder FunctionTemp() => _functionTemp ??= _il.DeclareLocal(typeof(FunctionInstance));

    /// <summary>Pushes the byref arguments for results 1..: our own temps, or (tail call) our own result parameters.</summary>
    private void PushResultRefs(FuncType ft, bool tail)
    {
        for (int k = 1; k < ft.Results.Length; k++)
        {
            if (tail)
            {
                _il.Emit(OpCodes.Ldarg, (short)JitSignature.ResultRefArgIndex(_type, k));
            }
            else
            {
                _il.Emit(OpCodes.Ldloca, ResultTemp(k, ft.Results[k].Kind));
            }
        }
    }

    /// <summary>
    /// Arguments are on the IL stack: reads the callee's entry once (address and target must come from the same
    /// <see cref="TypedEntry"/>, which tier-up replaces as a whole) and makes the typed <c>calli</c>.
    /// </summary>
    private void EmitCalliThrough(LocalBuilder fi, FuncType ft, bool tail)
    {
        var entry = _entryTemp ??= _il.DeclareLocal(typeof(TypedEntry));
        _il.Emit(OpCodes.Ldloc, fi);
        Call(JitMembers.EntryOf);
        _il.Emit(OpCodes.Stloc, entry);
        _il.Emit(OpCodes.Ldloc, entry);
        _il.Emit(OpCodes.Ldfld, JitMembers.EntryTarget);
        _il.Emit(OpCodes.Ldloc, entry);
        _il.Emit(OpCodes.Ldfld, JitMembers.EntryAddress);
        if (tail)
        {
            _il.Emit(OpCodes.Tailcall);
        }
        _il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, JitSignature.ReturnType(ft),
            JitSignature.ParameterTypes(ft, typeof(object)), null);
    }

    private void FinishCall(FuncType ft, bool tail)
    {
        int np = ft.Params.Length;
        Pop(np);
        if (tail)
        {
            _il.Emit(OpCodes.Ret);
            SetUnreachable();
            return;
        }
        var rs = ft.Results;
        if (rs.Length > 0)
        {
            Push(rs[0].Kind);
            for (int k = 1; k < rs.Length; k++)
            {
                _il.Emit(OpCodes.Ldloc, ResultTemp(k, rs[k].Kind));
                Push(rs[k].Kind);
            }
        }
        RefreshMemoryLengths();
    }
}
