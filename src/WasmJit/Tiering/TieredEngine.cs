using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using WasmJit.Jit;
using WasmJit.Runtime;

namespace WasmJit.Tiering;

/// <summary>
/// The tiering policy (<see cref="EngineKind.Tiered"/>, the default engine of the embedding API): every function
/// starts in the interpreter; one that reaches <see cref="StoreOptions.TierUpCalls"/> calls or
/// <see cref="StoreOptions.TierUpBackEdges"/> loop back-edges is compiled by the JIT on a background thread while
/// the interpreter keeps running it, and its entry slot is swapped when the code is ready. A function whose hot loop
/// keeps an interpreted activation running (a kernel whose work is one long <c>main</c>) also gets a loop entry, and
/// the interpreter moves that activation into compiled code at the loop's next back-edge (on-stack replacement).
/// </summary>
internal sealed class TieredEngine : ExecutionEngine
{
    private readonly ExecutionEngine _interpreter;
    private readonly ConcurrentDictionary<WasmFunction, byte> _requested = new();
    private readonly ConcurrentDictionary<(WasmFunction, int), byte> _requestedLoops = new();

    public TieredEngine(StoreOptions options)
    {
        Options = options;
        _interpreter = Create(options with { Engine = EngineKind.Interpreter });
    }

    public StoreOptions Options { get; }

    public override EngineKind Kind => EngineKind.Tiered;

    public override int CallBudget => Math.Max(1, Options.TierUpCalls);

    public override int BackEdgeBudget => Math.Max(1, Options.TierUpBackEdges);

#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => ExecutionEngine.Register(EngineKind.Tiered, o => new TieredEngine(o));

    public override FunctionCode CreateInitialCode(WasmFunction function) => _interpreter.CreateInitialCode(function);

    public override void OnHotFunction(WasmFunction function)
    {
        if (_requested.TryAdd(function, 0))
        {
            Run(function, () => TierUp(function, TierUpReason.Calls), () => (uint)function.CallCount);
        }
    }

    public override LoopEntry? OnHotLoop(WasmFunction function, LoopSite site)
    {
        if (!Options.LoopEntry)
        {
            OnHotLoopWithoutEntry(function);
            return null;
        }
        if (JitTier.LoopEntryOf(function, site) is { } ready)
        {
            return ready;
        }
        if (_requestedLoops.TryAdd((function, site.LoopOffset), 0))
        {
            Run(function, () =>
            {
                if (_requested.TryAdd(function, 0))
                {
                    TierUp(function, TierUpReason.Loop);
                }
                var (result, fresh) = JitTier.CompileLoopEntry(function, site);
                if (fresh)
                {
                    TierUpReporter.Report(Options, result, TierUpReason.Loop, site.LoopOffset, function.DisplayName);
                }
            }, static () => CompileQueue.Urgent);
            return Options.TierUpInBackground ? null : JitTier.LoopEntryOf(function, site);
        }
        return null;
    }

    private void OnHotLoopWithoutEntry(WasmFunction function)
    {
        if (_requested.TryAdd(function, 0))
        {
            Run(function, () => TierUp(function, TierUpReason.Loop), static () => CompileQueue.Urgent);
        }
    }

    private void TierUp(WasmFunction function, TierUpReason reason)
    {
        var (result, fresh) = JitTier.TierUp(function);
        if (fresh)
        {
            TierUpReporter.Report(Options, result, reason, name: function.DisplayName);
        }
    }

    /// <summary>Runs a compilation job: in the background (hottest first, by <paramref name="heat"/>), or now.</summary>
    private void Run(WasmFunction function, Action job, Func<long> heat)
    {
        if (Options.TierUpInBackground)
        {
            // The queue is per process: without the check, a program that ended (its store disposed) with many
            // functions still queued (low thresholds: python queues ~2,000) kept the compiler thread busy for
            // seconds, delaying every later store's tier-ups and taking a core from whatever runs next.
            CompileQueue.Post(() =>
            {
                if (!function.Instance.Store.IsDisposed && !function.Instance.Disposed)
                {
                    job();
                }
            }, heat);
        }
        else
        {
            job();
        }
    }
}
