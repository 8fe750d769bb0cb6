using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using WasmJit.Runtime;

namespace WasmJit.Interpreter;

/// <summary>
/// A function body translated to the interpreter's IR, with its frame layout:
/// <c>[params | locals | constants | operand stack]</c>, all in slots from the frame pointer. A caller's
/// arguments are the first slots of the callee's frame (frames overlap, no copy). Shared by every instance of
/// the module: the IR refers to functions, globals, tables and memories by index only.
/// </summary>
internal sealed unsafe class InterpretedCode : FunctionCode
{
    private readonly Inst[] _insts;

    public InterpretedCode(Inst[] insts, int count)
    {
        // Pinned (POH) so the dispatch loop can walk it with a raw pointer.
        _insts = GC.AllocateUninitializedArray<Inst>(count, pinned: true);
        Array.Copy(insts, _insts, count);
        Start = (Inst*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_insts));
    }

    public Inst* Start { get; }

    public int Length => _insts.Length;

    public ReadOnlySpan<Inst> Instructions => _insts;

    public int FunctionIndex { get; init; }

    public int ParamSlots { get; init; }

    public int ResultSlots { get; init; }

    /// <summary>Slots of the declared locals (after the parameters); zeroed on entry.</summary>
    public int LocalSlots { get; init; }

    /// <summary>Does any declared local hold a reference (so its ref slots must be cleared on entry)?</summary>
    public bool HasRefLocals { get; init; }

    /// <summary>First slot of the constant pool; <see cref="Consts"/> is copied there on entry.</summary>
    public int ConstBase { get; init; }

    public ulong[] Consts
    {
        get => _consts;
        init
        {
            // Pinned like the instructions: frame set-up copies from a raw pointer.
            _consts = GC.AllocateUninitializedArray<ulong>(value.Length, pinned: true);
            value.CopyTo(_consts, 0);
            ConstPtr = (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_consts));
            ConstCount = value.Length;
        }
    }

    private readonly ulong[] _consts = [];

    /// <summary><see cref="Consts"/> as a pointer (valid while this object lives: the array is pinned).</summary>
    public ulong* ConstPtr { get; private init; }

    public int ConstCount { get; private init; }

    /// <summary>Slots the frame needs: parameters, locals, constants and the deepest operand stack.</summary>
    public int FrameSlots { get; init; }

    /// <summary>br_table targets (instruction indices), each table's default last.</summary>
    public int[] BrTables { get; init; } = [];

    /// <summary>v128 immediates (shuffle masks).</summary>
    public Vector128<byte>[] V128Pool { get; init; } = [];

    public string[] Messages { get; init; } = [];

    /// <summary>Frame slot of operand-stack height 0 (after the locals and the constant pool).</summary>
    public int StackBase { get; init; }

    /// <summary>Each loop's header (instruction index) and the byte offset of its <c>loop</c> instruction, by header.</summary>
    public (int Pc, int Offset)[] Loops { get; init; } = [];

    /// <summary>The byte offset of the loop whose header is instruction <paramref name="pc"/>, or -1.</summary>
    public int LoopOffsetAt(int pc)
    {
        foreach (var (p, offset) in Loops)
        {
            if (p == pc)
            {
                return offset;
            }
        }
        return -1;
    }

    public override void Call(WasmFunction function, WasmStack stack, int baseSlot) =>
        Interpreter.Execute(function, this, stack, baseSlot);

    /// <summary>A listing of the IR, for tests and debugging.</summary>
    public string Dump()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < _insts.Length; i++)
        {
            sb.Append(i).Append(": ").AppendLine(_insts[i].ToString());
        }
        return sb.ToString();
    }
}
