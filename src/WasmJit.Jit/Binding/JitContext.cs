namespace WasmJit.Jit;

/// <summary>
/// The per-instance state compiled code reads: the last argument of every compiled function. It flattens what the
/// hot paths need (memories, tables, globals, functions, the stack limit) into fields one load away.
/// </summary>
/// <remarks>
/// Until the runtime's <c>ModuleInstance</c> lands, the memory/table/global/function objects it points to are the
/// JIT's own stand-ins (<see cref="JitMemory"/>, <see cref="JitTable"/>, <see cref="JitGlobal"/>,
/// <see cref="JitFunction"/>); emitted code reaches them only through <see cref="JitMembers"/>, so rebinding to the
/// runtime's types touches one file.
/// </remarks>
internal sealed class JitContext
{
    /// <summary>
    /// The stack window compiled code may use without asking: [StackLow, StackLow + StackSpan], a range of one
    /// thread's stack that <see cref="JitHelpers.StackCheckSlow"/> verified. A stack pointer outside it (another
    /// thread, a shallower caller, or deeper recursion) takes the slow path, which re-verifies and moves the window.
    /// The window never extends above the point where it was verified, so it always lies inside that thread's stack
    /// and another thread's stack pointer can never fall into it. Starts empty.
    /// </summary>
    public nint StackLow;
    public nint StackSpan;

    public JitMemory? Memory0;
    public JitMemory[] Memories = [];
    public JitTable[] Tables = [];
    public JitGlobal[] Globals = [];
    public JitFunction[] Functions = [];

    /// <summary>Passive data segments (null once dropped); indexed like the module's data section.</summary>
    public byte[]?[] Data = [];

    /// <summary>Passive element segments, resolved to references (null once dropped).</summary>
    public object?[]?[] Elements = [];

    /// <summary>Canonical type id of each of the module's types (for call_indirect / call_ref checks).</summary>
    public int[] TypeIds = [];

    /// <summary>The module the code came from (names for backtraces).</summary>
    public WasmModule? Module;
}
