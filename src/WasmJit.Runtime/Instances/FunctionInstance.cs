namespace WasmJit.Runtime;

/// <summary>
/// A function instance (https://webassembly.github.io/spec/core/exec/runtime.html#function-instances): defined in
/// a module (<see cref="WasmFunction"/>) or provided by the host (<see cref="HostFunction"/>). As a funcref value,
/// the object itself is the reference.
/// </summary>
internal abstract class FunctionInstance : ExternValue
{
    protected FunctionInstance(DefinedType type)
    {
        CanonicalType = type;
        ParamSlots = WasmStack.SlotCount(type.Func!.Params);
        ResultSlots = WasmStack.SlotCount(type.Func.Results);
    }

    public sealed override ExternKind Kind => ExternKind.Func;

    /// <summary>The signature, with canonical value types (concrete heap types are <see cref="TypeRegistry"/> ids).</summary>
    public FuncType Type => CanonicalType.Func!;

    /// <summary>The canonical defined type: call_indirect and import matching compare these by identity/subtyping.</summary>
    public DefinedType CanonicalType { get; }

    /// <summary>Stack slots the parameters take (a v128 takes two).</summary>
    public int ParamSlots { get; }

    public int ResultSlots { get; }

    /// <summary>
    /// The entry compiled callers use (engine-owned; null until an engine binds it). Replaced as a whole when the
    /// function changes tier.
    /// </summary>
    public TypedEntry? CompiledEntry;

    /// <summary>A name for backtraces (name section, export, or host-given), or null.</summary>
    public abstract string? Name { get; }

    /// <summary>
    /// The cross-tier calling convention: arguments are in <paramref name="stack"/> slots starting at
    /// <paramref name="baseSlot"/>; results are written back starting at the same slot.
    /// </summary>
    internal abstract void Call(WasmStack stack, int baseSlot);

    /// <summary>Calls the function from the host (https://webassembly.github.io/spec/core/exec/modules.html#invocation).</summary>
    public WasmValue[] Invoke(ReadOnlySpan<WasmValue> args)
    {
        var type = Type;
        if (args.Length != type.Params.Length)
        {
            throw new ArgumentException($"expected {type.Params.Length} arguments, got {args.Length}", nameof(args));
        }
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].Type.Kind != type.Params[i].Kind)
            {
                throw new ArgumentException($"argument {i}: expected {type.Params[i]}, got {args[i].Type}", nameof(args));
            }
        }
        var stack = WasmStack.Enter(out bool outermost);
        int top = stack.Top;
        try
        {
            stack.CheckCapacity((long)top + Math.Max(ParamSlots, ResultSlots));
            stack.WriteAll(top, args);
            Call(stack, top);
            return stack.ReadAll(top, type.Results);
        }
        finally
        {
            stack.Top = top;
            WasmStack.Exit(stack, outermost);
        }
    }

    /// <summary>Wraps a host delegate as a function of the given type.</summary>
    public static HostFunction FromHost(FuncType type, Func<WasmValue[], WasmValue[]> body, string? name = null) =>
        new(type, body, name);

    public override string ToString() => Name ?? $"function {Type}";
}
