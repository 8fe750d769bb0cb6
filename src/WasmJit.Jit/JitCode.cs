using System.Diagnostics;

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

    public override void Call(WasmFunction function, WasmStack stack, int baseSlot)
    {
        int top = stack.Top;
        int end = baseSlot + Math.Max(function.ParamSlots, function.ResultSlots);
        stack.CheckCapacity(end);
        stack.EnsureRefs(end);
        if (end > top)
        {
            stack.Top = end;
        }
        try
        {
            _invoke(Entry.Address, Entry.Target, stack, baseSlot);
        }
        catch (WasmTrapException e)
        {
            Backtrace.AddCompiledFrames(e);
            throw;
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

    public override void Run(WasmStack stack, int fp)
    {
        try
        {
            body(stack, fp, ctx);
        }
        catch (WasmTrapException e)
        {
            Backtrace.AddCompiledFrames(e);
            throw;
        }
    }
}

/// <summary>Names of compiled wasm frames for a trap's backtrace, read from the exception's stack trace.</summary>
internal static class Backtrace
{
    private const string FramesSeenKey = "wasmjit.frames-seen";

    /// <summary>Appends the compiled wasm frames between the throw (or the last boundary) and here, innermost first.</summary>
    public static void AddCompiledFrames(WasmTrapException e)
    {
        var frames = new StackTrace(e, false).GetFrames();
        int seen = e.Data[FramesSeenKey] is int n ? n : 0;
        for (int i = seen; i < frames.Length; i++)
        {
            var name = frames[i].GetMethod()?.Name;
            if (name is not null && name.Contains("(func ", StringComparison.Ordinal))
            {
                e.AddFrame(name);
            }
        }
        e.Data[FramesSeenKey] = frames.Length;
    }
}
