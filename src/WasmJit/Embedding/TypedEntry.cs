using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmJit.Runtime;

namespace WasmJit.Embedding;

/// <summary>
/// The shared part of the typed entries (<c>TypedEntry&lt;T1, ..., TResult&gt;</c>, generated per arity) that
/// <see cref="Function.AsFunc{TResult}"/> and <see cref="Instance.GetFunction{TResult}(string)"/> hand out as
/// delegates. Each call looks at the function's current <see cref="FunctionInstance.CompiledEntry"/>: when it is
/// code with the typed signature (compiled wasm, see src/WasmJit.Jit/RATIONALE.md, or a typed host function) and the
/// CLR types are ones that convention takes as they are (<see cref="DirectAbi"/>), the call is a typed function
/// pointer call straight into it, with no <see cref="WasmStack"/>; otherwise the arguments go into stack slots and
/// <see cref="FunctionInstance.Call"/> runs the function's current code, whatever tier it is in. The entry is read
/// per call, so a delegate made before a tier-up becomes fast after it.
/// </summary>
internal abstract class TypedEntryBase
{
    protected TypedEntryBase(Function function)
    {
        Store = function.Store;
        Target = function.Inner;
        FrameSlots = Math.Max(Target.ParamSlots, Target.ResultSlots);
        var ps = Target.Type.Params;
        ArgRefs = [.. Enumerable.Range(0, ps.Length).Where(i => ps[i].IsRef)];
    }

    protected Store Store { get; }

    protected FunctionInstance Target { get; }

    protected int FrameSlots { get; }

    /// <summary>Indices of reference-typed parameters: checked (nullability, store, type) before the call.</summary>
    protected int[] ArgRefs { get; }

    /// <summary>The function's entry if it can be called directly (not a bridge into the slot convention), else null.</summary>
    protected TypedEntry? DirectEntry
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Target.CompiledEntry is { IsBridge: false } e ? e : null;
    }

    protected void CheckArgs(WasmStack stack, int baseSlot)
    {
        var ps = Target.Type.Params;
        foreach (int i in ArgRefs)
        {
            int slot = baseSlot + WasmStack.SlotCount(ps.AsSpan(0, i));
            Values.CheckRef(stack.EnsureRefs(slot + 1)[slot], ps[i], Store, $"argument {i}", isArgument: true);
        }
    }

    /// <summary>
    /// Exception filter (always false): a trap left compiled code entered directly, add its wasm frames as
    /// <c>JitCode</c> does for slot calls. A filter so that host -> wasm -> host -> wasm nesting never rethrows
    /// (each rethrow nests a new dispatch on the stack being unwound).
    /// </summary>
    protected bool OnTrap(WasmTrapException e) => Jit.Backtrace.AddCompiledFrames(e, s_backtrace, (Target as WasmFunction)?.Instance);

    /// <summary>Compiled frames up to the typed entry's Invoke method.</summary>
    private static readonly Jit.Backtrace s_backtrace = new(typeof(TypedEntryBase));
}

/// <summary>
/// Which CLR types the compiled calling convention (<c>R0 f(P0 .. Pn-1, ..., object target)</c>) takes unchanged:
/// the numeric ones (<c>uint</c>/<c>ulong</c> are passed in the same registers as <c>int</c>/<c>long</c>) and
/// <c>Vector128&lt;byte&gt;</c>. References need conversion (<see cref="Function"/> vs the runtime's function
/// instance) and checks, and multi-value results come back through byrefs, so those calls use the slot path.
/// Every test is on <c>typeof(T)</c>, folded per instantiation.
/// </summary>
internal static class DirectAbi
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is<T>() =>
        typeof(T) == typeof(int) || typeof(T) == typeof(uint) || typeof(T) == typeof(long) || typeof(T) == typeof(ulong) ||
        typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Vector128<byte>);
}
