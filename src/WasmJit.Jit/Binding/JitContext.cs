namespace WasmJit.Jit;

/// <summary>
/// The per-instance state compiled code reads: the last argument of every compiled function. It flattens what the
/// hot paths need from the runtime's <see cref="ModuleInstance"/> (memories, tables, globals, functions) into fields
/// one load away, plus the verified stack window. One per instance, shared by every thread running it; compiled code
/// itself is shared by every instance of a module.
/// </summary>
internal sealed class JitContext
{
    public JitContext(ModuleInstance instance)
    {
        Instance = instance;
        Memories = instance.Memories;
        Memory0 = Memories.Length > 0 ? Memories[0] : null;
        Tables = instance.Tables;
        Globals = instance.Globals;
        Functions = instance.Functions;
        Limiter = instance.Store.Limiter;
    }

    /// <summary>
    /// The stack window compiled code may use without asking: [StackLow, StackLow + StackSpan], a range of one
    /// thread's stack that <see cref="JitHelpers.StackCheckSlow"/> verified. A stack pointer outside it (another
    /// thread, a shallower caller, or deeper recursion) takes the slow path, which re-verifies and moves the window.
    /// The window never extends above the point where it was verified, so it always lies inside that thread's stack
    /// and another thread's stack pointer can never fall into it. Starts empty.
    /// </summary>
    public nint StackLow;
    public nint StackSpan;

    public readonly ModuleInstance Instance;
    public readonly MemoryInstance? Memory0;
    public readonly MemoryInstance[] Memories;
    public readonly TableInstance[] Tables;
    public readonly GlobalInstance[] Globals;
    public readonly FunctionInstance[] Functions;

    /// <summary>The store's fuel and interrupt state (cached in a local by every compiled function's prologue).</summary>
    public readonly ExecutionLimiter Limiter;

    /// <summary>The JIT engine installed this instance's code (guarded by locking the context).</summary>
    public bool Installed;

    /// <summary>The context of <paramref name="instance"/>, created on first use (kept in its engine slot).</summary>
    public static JitContext Of(ModuleInstance instance)
    {
        if (instance.EngineData is JitContext ctx)
        {
            return ctx;
        }
        var created = new JitContext(instance);
        return Interlocked.CompareExchange(ref instance.EngineData, created, null) as JitContext ?? created;
    }
}
