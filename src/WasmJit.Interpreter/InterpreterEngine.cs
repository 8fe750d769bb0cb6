using System.Runtime.CompilerServices;
using WasmJit.Runtime;

namespace WasmJit.Interpreter;

/// <summary>
/// The interpreter tier as the store sees it. Every function starts with the shared
/// <see cref="LazyInterpretedCode"/> stub; the first call translates the body (once per module, shared by all its
/// instances) and swaps the function's entry slot to the result.
/// </summary>
internal sealed class InterpreterEngine : ExecutionEngine
{
    private static readonly ConditionalWeakTable<WasmModule, InterpretedCode?[]> s_cache = new();

    /// <summary>The same, translated with fuel charges (for stores that meter fuel).</summary>
    private static readonly ConditionalWeakTable<WasmModule, InterpretedCode?[]> s_fuelCache = new();

    public InterpreterEngine(StoreOptions options) => Options = options;

    public StoreOptions Options { get; }

    public override EngineKind Kind => EngineKind.Interpreter;

    // The runtime cannot reference this assembly (arrow direction), so the engine registers itself when the
    // assembly loads; ExecutionEngine.Create loads it by name if needed.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        ExecutionEngine.Register(EngineKind.Interpreter, o => new InterpreterEngine(o));
        StartupWarmup.Add(typeof(Interpreter), "Run");
    }

    public override FunctionCode CreateInitialCode(WasmFunction function) => LazyInterpretedCode.Instance;

    /// <summary>The translated code of <paramref name="f"/>, translating it now if needed, and installs it in its entry slot.</summary>
    public static InterpretedCode Compile(WasmFunction f)
    {
        var module = f.Instance.Module;
        bool fuel = f.Instance.Store.Limiter.FuelEnabled;
        var cache = (fuel ? s_fuelCache : s_cache).GetValue(module, m => new InterpretedCode?[m.Bodies.Count]);
        int i = f.DefinedIndex;
        var code = Volatile.Read(ref cache[i]);
        if (code is null)
        {
            // Lazy validation: the translator needs a valid body; an invalid one throws here, at its first call.
            module.Context?.EnsureBodyValid(f.Index);
            code = Translator.Translate(module, f.Instance.Store.Features, f.Index, fuel);
            code = Interlocked.CompareExchange(ref cache[i], code, null) ?? code;
        }
        f.TrySwapCode(LazyInterpretedCode.Instance, code);
        return code;
    }
}

/// <summary>The entry-slot stub of a function not yet translated.</summary>
internal sealed class LazyInterpretedCode : FunctionCode
{
    public static readonly LazyInterpretedCode Instance = new();

    public override void Call(WasmFunction function, WasmStack stack, int baseSlot) =>
        InterpreterEngine.Compile(function).Call(function, stack, baseSlot);
}
