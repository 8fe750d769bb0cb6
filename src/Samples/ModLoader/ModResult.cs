namespace WasmJit.Samples.ModLoader;

/// <summary>What happened to one mod.</summary>
/// <param name="Name">The file name without extension.</param>
/// <param name="Outcome">"ok", or the kind of stop: "out of fuel", "timeout", "stack exhausted", "memory limit", "trap", "invalid".</param>
/// <param name="Result">run()'s result for a good mod, else null.</param>
/// <param name="Error">The exception that stopped it, if any.</param>
public sealed record ModResult(string Name, string Outcome, int? Result, long FuelUsed, TimeSpan Elapsed, IReadOnlyList<string> Log, Exception? Error);
