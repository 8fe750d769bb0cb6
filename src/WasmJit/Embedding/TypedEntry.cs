using WasmJit.Runtime;

namespace WasmJit.Embedding;

/// <summary>
/// The shared part of the typed entries (<c>TypedEntry&lt;T1, ..., TResult&gt;</c>, generated per arity) that
/// <see cref="Function.AsFunc{TResult}"/> and <see cref="Instance.GetFunction{TResult}(string)"/> hand out as
/// delegates: arguments go straight into stack slots and <see cref="FunctionInstance.Call"/> runs the current code
/// of the function's entry slot, whatever tier it is in.
/// <para>
/// Seam for the JIT: a compiled function may later offer a direct typed entry (a delegate of the exact CLR
/// signature). <see cref="TypedEntries.DirectEntryProvider"/> is consulted first when a typed delegate is made;
/// whatever it returns must itself claim the store (<see cref="Store.Enter"/>/<see cref="Store.Exit"/>).
/// </para>
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

    protected void CheckArgs(WasmStack stack, int baseSlot)
    {
        var ps = Target.Type.Params;
        foreach (int i in ArgRefs)
        {
            int slot = baseSlot + WasmStack.SlotCount(ps.AsSpan(0, i));
            Values.CheckRef(stack.EnsureRefs(slot + 1)[slot], ps[i], Store, $"argument {i}", isArgument: true);
        }
    }
}

/// <summary>Hooks for typed entries (see <see cref="TypedEntryBase"/>).</summary>
internal static class TypedEntries
{
    /// <summary>
    /// Given a function and the delegate type wanted (<c>Func&lt;...&gt;</c>/<c>Action&lt;...&gt;</c>), returns a
    /// direct delegate or null to use the slot-based entry. Unset until the JIT provides direct entries.
    /// </summary>
    public static Func<Function, Type, Delegate?>? DirectEntryProvider { get; set; }

    public static TDelegate? TryDirect<TDelegate>(Function f)
        where TDelegate : Delegate =>
        DirectEntryProvider?.Invoke(f, typeof(TDelegate)) as TDelegate;
}
