using System.Diagnostics;
using System.Reflection.Emit;

namespace WasmJit.Jit;

/// <summary>Result of compiling one function (also what tier-up events report).</summary>
internal readonly record struct JitFunctionResult(int FunctionIndex, string Name, bool Compiled, int ILSize, TimeSpan CompileTime, string? Failure);

/// <summary>A batch of compiled functions of one module: their methods and entry addresses.</summary>
internal sealed class JitCompiledModule
{
    public required WasmModule Module { get; init; }

    /// <summary>By function index; null for imports and functions that stayed interpreted.</summary>
    public required DynamicMethod?[] Methods { get; init; }

    /// <summary>By function index; 0 where <see cref="Methods"/> is null. Valid while this object is alive.</summary>
    public required nint[] Entries { get; init; }

    public required JitFunctionResult[] Results { get; init; }

    /// <summary>How many times the batch's IL was emitted (a refused function other code already called costs one more).</summary>
    public int Passes { get; init; } = 1;
}

/// <summary>
/// Compiles validated functions to <see cref="DynamicMethod"/>s (see <see cref="JitSignature"/> for the calling
/// convention). Functions compiled in one batch call each other directly; a function the tier cannot compile is
/// left out (its <see cref="JitFunctionResult.Failure"/> says why) and its callers reach it through its
/// <see cref="FunctionInstance.CompiledEntry"/>. Compiled code depends on the module only (everything per instance
/// is read from the <see cref="JitContext"/> argument), so one compilation serves every instance of a module.
/// </summary>
internal static class JitCompiler
{
    public static JitCompiledModule Compile(WasmModule module, WasmFeatures features, DefinedType[] types, IEnumerable<int>? functions = null, bool fuel = false)
    {
        int imported = module.ImportedFunctionCount;
        int total = module.FunctionTypeIndices.Count;
        var wanted = (functions ?? Enumerable.Range(imported, total - imported)).Where(f => f >= imported).ToHashSet();
        if (module.Context is { HasPendingBodies: true } context)
        {
            // Lazy validation: never compile a body nobody validated (a whole module: all of them, in parallel).
            if (functions is null)
            {
                context.ValidateAllBodies();
            }
            foreach (int f in wanted)
            {
                context.EnsureBodyValid(f);
            }
        }
        var failures = new Dictionary<int, string>();
        for (int pass = 1; ; pass++)
        {
            var methods = new DynamicMethod?[total];
            foreach (int f in wanted)
            {
                if (!failures.ContainsKey(f))
                {
                    methods[f] = CreateMethod(module, f);
                }
            }
            var mc = new ModuleCompilation(module, features, types, methods, fuel);
            var results = new List<JitFunctionResult>();
            bool newFailure = false;
            // Biggest bodies first: they are the ones RyuJIT's limits refuse, and a refused function no compiled
            // function calls directly yet just leaves the batch; only one already called directly forces a second
            // pass over every function (before, any refusal did: ~1 s more for python.wasm's 11,448 functions).
            foreach (int f in wanted.OrderByDescending(f => module.Bodies[f - imported].Length).ThenBy(f => f))
            {
                if (methods[f] is not { } dm)
                {
                    results.Add(new(f, FrameName(module, f), false, 0, TimeSpan.Zero, failures[f]));
                    continue;
                }
                var sw = Stopwatch.StartNew();
                try
                {
                    var fc = new FunctionCompiler(mc, f, dm);
                    fc.Compile();
                    CheckLimits(fc, dm);
                    mc.Commit();
                    results.Add(new(f, dm.Name, true, fc.ILSize, sw.Elapsed, null));
                }
                catch (JitUnsupportedException e)
                {
                    mc.Discard();
                    failures[f] = e.Message;
                    if (mc.IsReferenced(f))
                    {
                        newFailure = true;
                    }
                    else
                    {
                        mc.Remove(f);
                        results.Add(new(f, FrameName(module, f), false, 0, sw.Elapsed, e.Message));
                    }
                }
            }
            if (newFailure)
            {
                continue;
            }
            foreach (var m in methods)
            {
                if (m is not null)
                {
                    Prepare(m);
                }
            }
            var entries = EntryPoints(methods);
            return new JitCompiledModule
            {
                Module = module, Methods = methods, Entries = entries, Results = [.. results.OrderBy(r => r.FunctionIndex)], Passes = pass,
            };
        }
    }

    /// <summary>
    /// Compiles the loop-entry variant of function <paramref name="f"/> for the loop at <paramref name="site"/>
    /// (see <see cref="LoopEntry"/>); its calls all go through entries. Null body (and a failure) if it cannot.
    /// </summary>
    public static (JitLoopEntry.Body? Body, JitFunctionResult Result) CompileLoopEntry(
        WasmModule module, WasmFeatures features, DefinedType[] types, int f, LoopSite site, bool fuel = false)
    {
        module.Context?.EnsureBodyValid(f); // lazy validation (a no-op once the interpreter has run the function)
        string name = $"{FrameName(module, f).Replace("(func ", "(loop entry ", StringComparison.Ordinal)} @0x{site.LoopOffset:x}";
        var dm = new DynamicMethod(name, typeof(void), [typeof(WasmStack), typeof(int), typeof(JitContext)],
            typeof(JitContext).Module, skipVisibility: true);
        var sw = Stopwatch.StartNew();
        try
        {
            var fc = new FunctionCompiler(new ModuleCompilation(module, features, types, [], fuel), f, dm, site);
            fc.Compile();
            CheckLimits(fc, dm);
            var body = dm.CreateDelegate<JitLoopEntry.Body>();
            Prepare(dm);
            return (body, new(f, name, true, fc.ILSize, sw.Elapsed, null));
        }
        catch (JitUnsupportedException e)
        {
            return (null, new(f, name, false, 0, sw.Elapsed, e.Message));
        }
    }

    /// <summary>Functions RyuJIT would compile with MinOpts (unoptimised) are refused: see <see cref="ILLimits"/>.</summary>
    private static void CheckLimits(FunctionCompiler fc, DynamicMethod dm)
    {
        if (ILLimits.Check(dm.GetILGenerator(), fc.ILSize, dm.GetParameters().Length) is { } why)
        {
            throw new JitUnsupportedException(why);
        }
    }

    /// <summary>
    /// Has RyuJIT compile the method now (on the compiling thread, e.g. the tiering policy's background thread)
    /// rather than at its first call. Best effort: where the runtime refuses, the first call compiles it.
    /// </summary>
    public static void Prepare(DynamicMethod dm)
    {
        try
        {
            System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(s_descriptor(dm));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException)
        {
        }
    }

    private static DynamicMethod CreateMethod(WasmModule module, int f)
    {
        var ft = module.FuncTypeOf(f);
        return new DynamicMethod(FrameName(module, f), JitSignature.ReturnType(ft),
            JitSignature.ParameterTypes(ft, typeof(JitContext)), typeof(JitContext).Module, skipVisibility: true);
    }

    /// <summary>The name a compiled function carries (stack traces, profilers, wasm backtraces): <c>module!name (func i)</c>.</summary>
    public static string FrameName(WasmModule module, int f)
    {
        string mod = module.Names?.ModuleName ?? "wasm";
        string? name = module.FunctionName(f);
        return name is null ? $"{mod}!func[{f}] (func {f})" : $"{mod}!{name} (func {f})";
    }

    /// <summary>
    /// The native entry address of each method. DynamicMethod exposes no handle publicly (and <c>ldftn</c> may not
    /// target one), so this goes through its internal <c>GetMethodDescriptor</c>, which also finishes the method.
    /// The addresses stay valid while the methods are reachable.
    /// </summary>
    private static nint[] EntryPoints(DynamicMethod?[] methods)
    {
        var entries = new nint[methods.Length];
        for (int i = 0; i < methods.Length; i++)
        {
            if (methods[i] is { } m)
            {
                entries[i] = EntryPoint(m);
            }
        }
        return entries;
    }

    private static readonly Func<DynamicMethod, RuntimeMethodHandle> s_descriptor =
        typeof(DynamicMethod).GetMethod("GetMethodDescriptor", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .CreateDelegate<Func<DynamicMethod, RuntimeMethodHandle>>();

    public static nint EntryPoint(DynamicMethod m) => s_descriptor(m).GetFunctionPointer();
}
