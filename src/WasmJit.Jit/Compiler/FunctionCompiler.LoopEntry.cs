using System.Reflection.Emit;

namespace WasmJit.Jit;

/// <summary>
/// The loop-entry (on-stack replacement) variant of a function: the same body, entered at one loop's header with
/// the interpreter's frame loaded into the IL locals. Because every label of this compiler is entered with an empty
/// IL stack and the operand stack below it in slot locals, entering a loop from outside is one more branch to its
/// label once those locals hold the frame's values.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private int[] FrameSlotsOfLocals()
    {
        var offsets = new int[_localKinds.Length];
        int slot = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = slot;
            slot += _localKinds[i] == ValKind.V128 ? 2 : 1;
        }
        return offsets;
    }

    /// <summary>Called when the loop instruction at the entry site is compiled (its stack already spilled).</summary>
    private void NoteLoopEntry(Label loop)
    {
        _osrLoop = loop;
        _osrStack = [.. _stack];
    }

    /// <summary>The cold block the prologue jumps to: frame slots -> IL locals and slot locals, then into the loop.</summary>
    private void EmitLoopEntryLoader(LoopSite site)
    {
        if (_osrLoop is not { } loop)
        {
            throw new JitUnsupportedException($"no reachable loop at 0x{site.LoopOffset:x}");
        }
        _il.MarkLabel(_osrLoader);
        var offsets = FrameSlotsOfLocals();
        for (int i = 0; i < _localKinds.Length; i++)
        {
            EmitFrameRead(offsets[i], _localKinds[i]);
            _il.Emit(OpCodes.Stloc, _localBuilders[i]!);
        }
        int slot = site.StackBase;
        for (int d = 0; d < _osrStack.Length; d++)
        {
            EmitFrameRead(slot, _osrStack[d]);
            _il.Emit(OpCodes.Stloc, Slot(d, _osrStack[d]));
            slot += _osrStack[d] == ValKind.V128 ? 2 : 1;
        }
        _il.Emit(OpCodes.Br, loop);
    }

    /// <summary>Pushes the value of kind <paramref name="kind"/> in frame slot <c>fp + offset</c>.</summary>
    private void EmitFrameRead(int offset, ValKind kind)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldarg_1);
        EmitLdcI4(offset);
        _il.Emit(OpCodes.Add);
        Call(SlotAbi.Getter(kind));
    }

    /// <summary>Loop entry's return: results (in slots 0..m-1 of the operand stack) go to the frame from fp.</summary>
    private void EmitReturnToFrame()
    {
        var rs = _type.Results;
        int slot = 0;
        for (int k = 0; k < rs.Length; k++)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldarg_1);
            EmitLdcI4(slot);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloc, Slot(k, rs[k].Kind));
            Call(SlotAbi.Setter(rs[k].Kind));
            slot += rs[k].Kind == ValKind.V128 ? 2 : 1;
        }
        _il.Emit(OpCodes.Ret);
    }
}
