namespace WasmJit.Runtime;

/// <summary>Why a function was compiled by the JIT tier.</summary>
internal enum TierUpReason
{
    /// <summary>The JIT engine compiles every function of a module before its first call.</summary>
    Eager,

    /// <summary>The function was called <see cref="StoreOptions.TierUpCalls"/> times in the interpreter.</summary>
    Calls,

    /// <summary>Its loops took <see cref="StoreOptions.TierUpBackEdges"/> back-edges in the interpreter.</summary>
    Loop,
}

/// <summary>
/// One tier-up (or a refusal to tier up): which function, why, how big its IL was and how long compiling took.
/// <see cref="Compiled"/> false means the function stays interpreted and <see cref="Failure"/> says why (an
/// instruction the JIT lacks, or a RyuJIT optimisation limit).
/// </summary>
internal sealed record TierUpEvent(
    int FunctionIndex,
    string? FunctionName,
    TierUpReason Reason,
    bool Compiled,
    int ILSize,
    TimeSpan CompileTime,
    string? Failure,
    bool LoopEntry = false,
    int LoopOffset = -1)
{
    public override string ToString() =>
        $"tier-up func {FunctionIndex} {FunctionName ?? "?"} ({Reason}{(LoopEntry ? $", loop entry at 0x{LoopOffset:x}" : "")}): " +
        (Compiled ? $"{ILSize} bytes of IL in {CompileTime.TotalMilliseconds:0.###} ms" : $"stays interpreted: {Failure}");
}
