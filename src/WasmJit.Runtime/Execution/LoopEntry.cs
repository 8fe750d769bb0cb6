namespace WasmJit.Runtime;

/// <summary>
/// On-stack replacement: compiled code that continues an interpreted activation of a function from the header of
/// one of its loops. The interpreter calls <see cref="Run"/> at a back-edge to that loop with its frame at
/// <c>fp</c>: the frame holds the locals in their slots and the operand stack below the loop in its home slots
/// (the interpreter's layout, described by <see cref="LoopSite"/>); the compiled code loads them, runs the rest of
/// the function and writes the results at <c>fp</c>, as a return would, and the interpreter then returns.
/// </summary>
internal abstract class LoopEntry
{
    public abstract void Run(WasmStack stack, int fp);
}

/// <summary>Where an interpreted loop is and how its frame is laid out, for compiling a <see cref="LoopEntry"/>.</summary>
/// <param name="LoopOffset">Byte offset of the <c>loop</c> instruction in the module.</param>
/// <param name="StackBase">
/// Frame slot of operand-stack height 0. Locals occupy slots from 0 in order (a v128 takes two), and the operand
/// stack below the loop's label sits in consecutive home slots from here (a reference's slot is in
/// <see cref="WasmStack.Refs"/>).
/// </param>
internal readonly record struct LoopSite(int LoopOffset, int StackBase);
