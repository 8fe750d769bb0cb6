using System.Runtime.CompilerServices;

namespace WasmJit.Jit;

/// <summary>
/// The JIT tier as the store sees it (<see cref="EngineKind.Jit"/>): the first call of any function of an instance
/// compiles the instance's whole module in one batch (once per module; calls inside the batch are direct IL calls)
/// and installs the compiled code in every function's entry slot. Functions the tier refuses (instructions it lacks,
/// RyuJIT's size limits) run in the interpreter, which this engine creates by name (the JIT never references it).
/// </summary>
internal sealed class JitEngine : ExecutionEngine
{
    private static readonly ConditionalWeakTable<WasmModule, Lazy<JitCompiledModule>> s_modules = new();

    /// <summary>The same, compiled with fuel charges (for stores that meter fuel).</summary>
    private static readonly ConditionalWeakTable<WasmModule, Lazy<JitCompiledModule>> s_fuelModules = new();

    private readonly ExecutionEngine _fallback;
    private readonly LazyJitCode _lazy;

    public JitEngine(StoreOptions options)
    {
        Options = options;
        _fallback = Create(options with { Engine = EngineKind.Interpreter });
        _lazy = new LazyJitCode(this);
    }

    public StoreOptions Options { get; }

    public override EngineKind Kind => EngineKind.Jit;

    // The runtime cannot reference this assembly (arrow direction), so the engine registers itself when the
    // assembly loads; ExecutionEngine.Create loads it by name if needed.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => ExecutionEngine.Register(EngineKind.Jit, o => new JitEngine(o));

    public override FunctionCode CreateInitialCode(WasmFunction function) => _lazy;

    /// <summary>Compiles (or reuses) the module of <paramref name="instance"/> and installs its code in every function.</summary>
    public void Install(ModuleInstance instance)
    {
        var ctx = JitContext.Of(instance);
        lock (ctx)
        {
            if (ctx.Installed)
            {
                return;
            }
            var module = instance.Module;
            var types = instance.Types;
            var features = instance.Store.Features;
            bool fresh = false;
            bool fuel = instance.Store.Limiter.FuelEnabled;
            var lazy = (fuel ? s_fuelModules : s_modules).GetValue(module, m => new Lazy<JitCompiledModule>(() =>
            {
                fresh = true;
                return JitCompiler.Compile(m, features, types, fuel: fuel);
            }));
            var compiled = lazy.Value;
            for (int i = module.ImportedFunctionCount; i < instance.Functions.Length; i++)
            {
                var f = (WasmFunction)instance.Functions[i];
                if (compiled.Methods[i] is not null)
                {
                    var entry = new TypedEntry(compiled.Entries[i], ctx, compiled);
                    f.CompiledEntry = entry;
                    f.Code = new JitCode(entry, f.Type);
                }
                else
                {
                    f.Code = _fallback.CreateInitialCode(f);
                }
            }
            ctx.Installed = true;
            if (fresh)
            {
                foreach (var r in compiled.Results)
                {
                    TierUpReporter.Report(Options, r, TierUpReason.Eager);
                }
            }
        }
    }

    /// <summary>The entry-slot stub of a function whose instance has not run yet.</summary>
    private sealed class LazyJitCode(JitEngine engine) : FunctionCode
    {
        public override void Call(WasmFunction function, WasmStack stack, int baseSlot)
        {
            engine.Install(function.Instance);
            function.Code.Call(function, stack, baseSlot);
        }
    }
}
