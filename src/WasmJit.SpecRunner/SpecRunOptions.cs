using WasmJit.Runtime;

namespace WasmJit.SpecRunner;

/// <summary>How to run .wast files. Immutable; use <c>with</c> to change a copy.</summary>
internal sealed record SpecRunOptions
{
    public SpecEngine Engine { get; init; } = SpecEngine.Interp;

    public SkipList SkipList { get; init; } = SkipList.Empty;

    /// <summary>Wall-clock limit per file; a file that runs longer is reported with an error and abandoned.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Maximum wasm call depth handed to the store (assert_exhaustion relies on it).</summary>
    public int MaxCallDepth { get; init; } = 10_000;

    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Tiered engine: calls before a function is compiled (null: the store's default, or the WASMJIT_TIERUP
    /// environment variable <c>calls,backedges</c>, which lets a whole run change tiers mid-test).
    /// </summary>
    public int? TierUpCalls { get; init; } = FromEnvironment(0);

    /// <summary>Tiered engine: loop back-edges before a function is compiled and its running loop entered.</summary>
    public int? TierUpBackEdges { get; init; } = FromEnvironment(1);

    /// <summary>Observes tier-up events of every store the run creates.</summary>
    public Action<TierUpEvent>? OnTierUp { get; init; }

    /// <summary>Observes the outcome of every action (invoke/get) of the scripts' main thread, in order (differential tests).</summary>
    public Action<ActionOutcome>? OnAction { get; init; }

    private static int? FromEnvironment(int index)
    {
        var parts = Environment.GetEnvironmentVariable("WASMJIT_TIERUP")?.Split(',');
        return parts is not null && parts.Length > index && int.TryParse(parts[index], out int v) ? v : null;
    }
}

/// <summary>What one script action produced: its values, or the WebAssembly error it raised.</summary>
internal sealed record ActionOutcome(string File, int Line, string Name, WasmValue[]? Values, WasmException? Error);
