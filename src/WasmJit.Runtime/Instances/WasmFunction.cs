namespace WasmJit.Runtime;

/// <summary>
/// A function defined by a module instance. It is its own tier-up entry slot: <see cref="Code"/> is the code that
/// runs it now (swapped atomically when a faster tier is ready), and the interpreter bumps
/// <see cref="CallCount"/> and <see cref="BackEdgeCount"/> so the tiering policy can find hot functions.
/// </summary>
internal sealed class WasmFunction : FunctionInstance
{
    private FunctionCode _code = null!;

    /// <summary>Calls so far (incremented without synchronisation: a heuristic, not an exact count).</summary>
    public int CallCount;

    /// <summary>Loop back-edges taken so far (same caveat).</summary>
    public int BackEdgeCount;

    public WasmFunction(ModuleInstance instance, int index, DefinedType type)
        : base(type)
    {
        Instance = instance;
        Index = index;
    }

    public ModuleInstance Instance { get; }

    /// <summary>Index in the module's function index space (imports first).</summary>
    public int Index { get; }

    /// <summary>Index among the module's defined functions (its body index).</summary>
    public int DefinedIndex => Index - Instance.Module.ImportedFunctionCount;

    public FunctionBody Body => Instance.Module.Bodies[DefinedIndex];

    /// <summary>Type index of the function in its module.</summary>
    public int TypeIndex => Instance.Module.FunctionTypeIndices[Index];

    /// <summary>The current code (entry slot).</summary>
    public FunctionCode Code
    {
        get => Volatile.Read(ref _code);
        set => Volatile.Write(ref _code, value);
    }

    /// <summary>Replaces the code only if it is still <paramref name="expected"/>; true if swapped.</summary>
    public bool TrySwapCode(FunctionCode expected, FunctionCode replacement) =>
        ReferenceEquals(Interlocked.CompareExchange(ref _code, replacement, expected), expected);

    public override string? Name => Instance.Module.FunctionName(Index);

    /// <summary>"module!name (func N)" for backtraces.</summary>
    public string DisplayName
    {
        get
        {
            string? mod = Instance.Name ?? Instance.Module.Names?.ModuleName;
            string fn = Name ?? $"func[{Index}]";
            return mod is null ? $"{fn} (func {Index})" : $"{mod}!{fn} (func {Index})";
        }
    }

    internal override void Call(WasmStack stack, int baseSlot) => Code.Call(this, stack, baseSlot);
}
