namespace WasmJit.Runtime;

/// <summary>
/// A host function (https://webassembly.github.io/spec/core/exec/runtime.html#function-instances, hostfunc):
/// a .NET delegate over <see cref="WasmValue"/> arrays. This generic form allocates per call; typed fast paths
/// belong to the public embedding API.
/// </summary>
internal sealed class HostFunction : FunctionInstance
{
    private readonly Func<WasmValue[], WasmValue[]> _body;
    private readonly string? _name;

    public HostFunction(FuncType type, Func<WasmValue[], WasmValue[]> body, string? name)
        : base(TypeRegistry.ForHostFunction(type))
    {
        _body = body;
        _name = name;
    }

    public override string? Name => _name;

    internal override void Call(WasmStack stack, int baseSlot)
    {
        var type = Type;
        var args = stack.ReadAll(baseSlot, type.Params);
        int savedTop = stack.Top;
        stack.Top = Math.Max(savedTop, baseSlot + Math.Max(ParamSlots, ResultSlots));
        WasmValue[] results;
        try
        {
            results = _body(args);
        }
        finally
        {
            stack.Top = savedTop;
        }
        if (results.Length != type.Results.Length)
        {
            throw new InvalidOperationException(
                $"host function {_name ?? "?"} returned {results.Length} values, its type has {type.Results.Length}");
        }
        int slot = baseSlot;
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i].Type.Kind != type.Results[i].Kind)
            {
                throw new InvalidOperationException(
                    $"host function {_name ?? "?"} result {i}: expected {type.Results[i]}, got {results[i].Type}");
            }
            stack.Write(slot, results[i]);
            slot += WasmStack.SlotCount(type.Results[i]);
        }
    }
}
