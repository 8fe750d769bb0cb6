using System.Reflection;
using System.Runtime.CompilerServices;

namespace WasmJit.Runtime;

/// <summary>
/// An execution tier as the store sees it: it provides the initial code of each defined function. Engines live in
/// assemblies that reference the runtime (never the reverse), so they register a factory here from a module
/// initializer; <see cref="Create"/> loads the engine's assembly by name when nothing registered yet.
/// </summary>
internal abstract class ExecutionEngine
{
    private static readonly Dictionary<EngineKind, Func<StoreOptions, ExecutionEngine>> s_factories = [];

    public abstract EngineKind Kind { get; }

    /// <summary>The code a newly instantiated function starts with (typically a stub that compiles on first call).</summary>
    public abstract FunctionCode CreateInitialCode(WasmFunction function);

    /// <summary>
    /// The interpreter reports a function when its <see cref="WasmFunction.CallCount"/> reaches this (a tier-up
    /// budget). <see cref="int.MaxValue"/>: never.
    /// </summary>
    public virtual int CallBudget => int.MaxValue;

    /// <summary>The interpreter reports a loop when its function's <see cref="WasmFunction.BackEdgeCount"/> reaches this.</summary>
    public virtual int BackEdgeBudget => int.MaxValue;

    /// <summary>
    /// <paramref name="function"/> reached <see cref="CallBudget"/> calls in the interpreter. Called on the
    /// interpreting thread, once per function: the policy must not block (compile in the background).
    /// </summary>
    public virtual void OnHotFunction(WasmFunction function)
    {
    }

    /// <summary>
    /// A loop of <paramref name="function"/> took <see cref="BackEdgeBudget"/> back-edges (the interpreter then resets
    /// the function's count, so this comes again every budget). Returns code to continue the running activation in
    /// (on-stack replacement) once it is ready, else null and the interpreter goes on.
    /// </summary>
    public virtual LoopEntry? OnHotLoop(WasmFunction function, LoopSite site) => null;

    public static void Register(EngineKind kind, Func<StoreOptions, ExecutionEngine> factory)
    {
        lock (s_factories)
        {
            s_factories[kind] = factory;
        }
    }

    public static ExecutionEngine Create(StoreOptions options)
    {
        EnsureRegistered(options.Engine);
        if (TryGet(options.Engine, out var factory))
        {
            return factory(options);
        }
        throw new NotSupportedException($"no {options.Engine} engine is available (assembly {AssemblyOf(options.Engine)} registers none)");
    }

    /// <summary>
    /// Loads what an engine of <paramref name="kind"/> runs on and starts compiling its costly methods in the
    /// background (<see cref="StartupWarmup"/>): call it as early as the kind is known, before loading modules.
    /// </summary>
    public static void WarmUp(EngineKind kind)
    {
        EnsureRegistered(kind);
        if (kind == EngineKind.Tiered)
        {
            EnsureRegistered(EngineKind.Interpreter);
        }
        StartupWarmup.Start();
    }

    private static string AssemblyOf(EngineKind kind) => kind switch
    {
        EngineKind.Interpreter => "WasmJit.Interpreter",
        EngineKind.Jit => "WasmJit.Jit",
        _ => "WasmJit",
    };

    private static void EnsureRegistered(EngineKind kind)
    {
        if (TryGet(kind, out _))
        {
            return;
        }
        try
        {
            var asm = Assembly.Load(AssemblyOf(kind));
            RuntimeHelpers.RunModuleConstructor(asm.ManifestModule.ModuleHandle);
        }
        catch (IOException)
        {
            // Not deployed: Create reports it.
        }
    }

    private static bool TryGet(EngineKind kind, out Func<StoreOptions, ExecutionEngine> factory)
    {
        lock (s_factories)
        {
            return s_factories.TryGetValue(kind, out factory!);
        }
    }
}
