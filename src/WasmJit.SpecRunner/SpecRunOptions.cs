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
}
