using WasmJit.Runtime;

namespace WasmJit.Embedding;

/// <summary>A host function's wasm signature, derived once from its CLR parameter and result types.</summary>
internal sealed class HostSignature
{
    private HostSignature(string name, FuncType type)
    {
        Name = name;
        Type = type;
        Canonical = TypeRegistry.ForHostFunction(type);
        ResultRefs = [.. type.Results.Select((t, i) => (t, i)).Where(x => x.t.IsRef).Select(x => x.i)];
    }

    /// <summary>"module.name", for errors and backtraces.</summary>
    public string Name { get; }

    public FuncType Type { get; }

    public DefinedType Canonical { get; }

    /// <summary>Indices of reference-typed results (checked after each call: a host could return a wrong reference).</summary>
    public int[] ResultRefs { get; }

    public static HostSignature FromClr(string module, string name, Type[] parameters, Type result) =>
        new($"{module}.{name}", new FuncType([.. parameters.Select(ClrTypes.ValTypeOf)], ClrTypes.ResultTypesOf(result)));

    public static HostSignature FromType(string module, string name, FuncType type)
    {
        foreach (var t in type.Params.Concat(type.Results))
        {
            if (t.IsRef && t.Heap.IsConcrete)
            {
                throw new NotSupportedException("host functions with concrete reference types (ref $t) are not supported; use funcref or externref");
            }
        }
        return new($"{module}.{name}", ExternTypes.Copy(type));
    }
}

/// <summary>
/// A host function bound to the instance that imports it: the runtime calls it with the slot convention
/// (<see cref="FunctionInstance.Call"/>), and it hands the arguments to a .NET delegate.
/// </summary>
internal abstract class BoundHostFunction : FunctionInstance
{
    protected BoundHostFunction(HostSignature signature, CallerContext context)
        : base(signature.Canonical)
    {
        Signature = signature;
        Context = context;
        FrameSlots = Math.Max(ParamSlots, ResultSlots);
    }

    public HostSignature Signature { get; }

    public CallerContext Context { get; }

    /// <summary>Slots the call occupies from its base (arguments in, results out).</summary>
    protected int FrameSlots { get; }

    public override string? Name => Signature.Name;

    /// <summary>Checks reference results the host wrote (nullability, store, type); slots start at <paramref name="baseSlot"/>.</summary>
    protected void CheckResults(WasmStack stack, int baseSlot)
    {
        var results = Type.Results;
        foreach (int i in Signature.ResultRefs)
        {
            int slot = baseSlot + WasmStack.SlotCount(results.AsSpan(0, i));
            Values.CheckRef(stack.EnsureRefs(slot + 1)[slot], results[i], Context.Store, $"host function {Name} result {i}", isArgument: false);
        }
    }
}

/// <summary>A host function over boxed values, for hosts that only know the signature at run time.</summary>
internal sealed class UntypedHostFunction(HostSignature signature, Func<Caller, object?[], object?[]?> body, CallerContext context)
    : BoundHostFunction(signature, context)
{
    internal override void Call(WasmStack stack, int baseSlot)
    {
        var type = Type;
        var store = Context.Store;
        var args = new object?[type.Params.Length];
        int slot = baseSlot;
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Values.FromWasm(stack.Read(slot, type.Params[i]), store);
            slot += WasmStack.SlotCount(type.Params[i]);
        }
        int saved = stack.Top;
        stack.Top = Math.Max(saved, baseSlot + FrameSlots);
        try
        {
            var results = body(new Caller(Context), args) ?? [];
            if (results.Length != type.Results.Length)
            {
                throw new InvalidOperationException($"returned {results.Length} values, its type has {type.Results.Length}");
            }
            slot = baseSlot;
            for (int i = 0; i < results.Length; i++)
            {
                stack.Write(slot, Values.ToWasm(results[i], type.Results[i], store, $"result {i}"));
                slot += WasmStack.SlotCount(type.Results[i]);
            }
        }
        catch (Exception e) when (HostErrors.ShouldWrap(e))
        {
            throw HostErrors.Wrap(e, Name);
        }
        finally
        {
            stack.Top = saved;
        }
    }
}
