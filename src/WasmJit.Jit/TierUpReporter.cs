using System.Diagnostics.Tracing;

namespace WasmJit.Jit;

/// <summary>Publishes tier-up events: the store's <see cref="StoreOptions.OnTierUp"/> callback and the "WasmJit" EventSource.</summary>
internal static class TierUpReporter
{
    public static TierUpEvent Report(StoreOptions options, in JitFunctionResult r, TierUpReason reason, int loopOffset = -1, string? name = null)
    {
        var e = new TierUpEvent(r.FunctionIndex, name ?? r.Name, reason, r.Compiled, r.ILSize, r.CompileTime, r.Failure,
            LoopEntry: loopOffset >= 0, LoopOffset: loopOffset);
        Report(options, e);
        return e;
    }

    public static void Report(StoreOptions options, TierUpEvent e)
    {
        WasmJitEventSource.Log.TierUp(e);
        options.OnTierUp?.Invoke(e);
    }
}

/// <summary>
/// The "WasmJit" event source (dotnet-trace / EventListener): one <c>TierUp</c> event per compilation attempt with the
/// function index and name, the reason (Eager, Calls, Loop), whether it is a loop entry, IL size, compile time, and
/// the reason a function stays interpreted.
/// </summary>
[EventSource(Name = "WasmJit")]
internal sealed class WasmJitEventSource : EventSource
{
    public static readonly WasmJitEventSource Log = new();

    private WasmJitEventSource()
    {
    }

    [NonEvent]
    public void TierUp(TierUpEvent e)
    {
        if (IsEnabled())
        {
            TierUp(e.FunctionIndex, e.FunctionName ?? "", e.Reason.ToString(), e.LoopEntry, e.Compiled, e.ILSize,
                e.CompileTime.TotalMilliseconds, e.Failure ?? "");
        }
    }

    [Event(1, Level = EventLevel.Informational, Message = "func {0} {1}: {2} loopEntry={3} compiled={4} IL={5} {6} ms {7}")]
    public void TierUp(int functionIndex, string functionName, string reason, bool loopEntry, bool compiled, int ilSize, double compileMs, string failure) =>
        WriteEvent(1, functionIndex, functionName, reason, loopEntry, compiled, ilSize, compileMs, failure);
}
