using System.Runtime.CompilerServices;

namespace WasmJit.Jit;

/// <summary>
/// A compiled function in its entry slot (<see cref="WasmFunction.Code"/>): callers using the runtime's slot
/// convention (the interpreter, host invocation) come through the signature's <see cref="Bridges.Invoker"/>; compiled
/// callers use the same <see cref="TypedEntry"/> directly. A trap leaving compiled code gets the compiled wasm frames it
/// passed through added to its backtrace (the dynamic methods' names, see <see cref="JitCompiler.FrameName"/>).
/// </summary>
internal sealed class JitCode : FunctionCode
{
    private readonly Bridges.Invoker _invoke;

    public JitCode(TypedEntry entry, FuncType type)
    {
        Entry = entry;
        _invoke = Bridges.InvokerFor(type);
    }

    public TypedEntry Entry { get; }

    /// <summary>
    /// Not inlined, and everything that can trap is inside the try: this frame is the boundary that ends the
    /// <see cref="Backtrace.SlotCall"/> segment its filter adds, so it must be on the stack trace exactly when the
    /// filter ran.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public override void Call(WasmFunction function, WasmStack stack, int baseSlot)
    {
        int top = stack.Top;
        try
        {
            int end = baseSlot + Math.Max(function.ParamSlots, function.ResultSlots);
            stack.CheckCapacity(end);
            stack.EnsureRefs(end);
            if (end > top)
            {
                stack.Top = end;
            }
            _invoke(Entry.Address, Entry.Target, stack, baseSlot);
        }
        catch (WasmTrapException e) when (Backtrace.AddCompiledFrames(e, Backtrace.SlotCall, function.Instance))
        {
            // Never entered (see Backtrace.AddCompiledFrames).
        }
        finally
        {
            stack.Top = top;
        }
    }
}

/// <summary>A compiled loop entry bound to an instance (see <see cref="LoopEntry"/>).</summary>
internal sealed class JitLoopEntry(JitLoopEntry.Body body, JitContext ctx) : LoopEntry
{
    public delegate void Body(WasmStack stack, int fp, JitContext ctx);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public override void Run(WasmStack stack, int fp)
    {
        try
        {
            body(stack, fp, ctx);
        }
        catch (WasmTrapException e) when (Backtrace.AddCompiledFrames(e, Backtrace.LoopEntry, ctx.Instance))
        {
            // Never entered (see Backtrace.AddCompiledFrames).
        }
    }
}
