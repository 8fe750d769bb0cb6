using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace WasmJit.PublicApi.Tests;

/// <summary>
/// Records the tier-up events of the "WasmJit" EventSource (its public diagnostics surface) for the functions of
/// one module, named by the module's name (<c>python</c> for python.wasm loaded with <see cref="Module.FromFile"/>):
/// how tests see which functions a tiered engine compiled while a program ran. Other tests running at the same
/// time publish events too, hence the filter.
/// </summary>
internal sealed class TierUpListener : EventListener
{
    private readonly ConcurrentQueue<(string Function, string Reason, bool LoopEntry, bool Compiled)> _events = new();
    private string? _prefix;

    public TierUpListener(string moduleName)
    {
        _prefix = moduleName + "!";
    }

    public IReadOnlyCollection<(string Function, string Reason, bool LoopEntry, bool Compiled)> Events => _events;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Called from the base constructor for sources that already exist, before this class's fields are set.
        if (eventSource.Name == "WasmJit")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "TierUp" || e.Payload is not { Count: >= 5 } p || _prefix is not { } prefix
            || p[1] is not string name || !name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }
        _events.Enqueue((name, (string)p[2]!, (bool)p[3]!, (bool)p[4]!));
    }
}
