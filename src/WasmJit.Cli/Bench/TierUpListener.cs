using System.Diagnostics.Tracing;

namespace WasmJit.Cli.Bench;

/// <summary>
/// Listens in-process to the JIT's "WasmJit" EventSource (event 1, TierUp) and hands each tier-up to a callback:
/// function index and name, reason (calls or loop), whether it entered at a loop header, and whether it compiled.
/// Events arrive on the thread that raised them (the background compiler), so the callback must be thread-safe.
/// </summary>
internal sealed class TierUpListener(Action<string, string> onTierUp) : EventListener
{
    private const string SourceName = "WasmJit";

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == SourceName)
        {
            EnableEvents(source, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventSource.Name != SourceName || e.EventId != 1 || e.Payload is not { Count: >= 8 } p)
        {
            return;
        }
        string name = p[1] as string is { Length: > 0 } n ? n : $"func {p[0]}";
        string reason = $"{p[2]}{((bool)p[3]! ? ", loop entry" : "")}{((bool)p[4]! ? "" : $", not compiled: {p[7]}")}";
        onTierUp(name, reason);
    }
}
