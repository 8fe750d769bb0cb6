using System.Collections.Concurrent;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace WasmJit.Jit;

/// <summary>
/// The JIT's side of tiering (the policy that decides when lives in src/WasmJit): compiles single functions and
/// loop entries of a module on request, caches them per module (compiled code is instance-independent), and
/// installs them in a function's entry slots. Safe to call from any thread.
/// </summary>
internal static class JitTier
{
    private sealed class ModuleState(int functions)
    {
        public readonly object Lock = new();
        public readonly DynamicMethod?[] Methods = new DynamicMethod?[functions];
        public readonly nint[] Entries = new nint[functions];
        public readonly JitFunctionResult?[] Results = new JitFunctionResult?[functions];
        public readonly ConcurrentDictionary<(int Function, int Loop), (JitLoopEntry.Body? Body, JitFunctionResult Result)> Loops = new();
    }

    private static readonly ConditionalWeakTable<WasmModule, ModuleState> s_states = new();

    /// <summary>The same for code with fuel charges (stores that meter fuel).</summary>
    private static readonly ConditionalWeakTable<WasmModule, ModuleState> s_fuelStates = new();

    private static ModuleState StateOf(ModuleInstance instance) =>
        (instance.Store.Limiter.FuelEnabled ? s_fuelStates : s_states)
            .GetValue(instance.Module, static m => new ModuleState(m.FunctionTypeIndices.Count));

    /// <summary>Compiles <paramref name="f"/> unless its module's copy exists, and installs it. Fresh: compiled by this call.</summary>
    public static (JitFunctionResult Result, bool Fresh) TierUp(WasmFunction f)
    {
        var module = f.Instance.Module;
        var state = StateOf(f.Instance);
        int i = f.Index;
        bool fresh = false;
        JitFunctionResult result;
        lock (state.Lock)
        {
            if (state.Results[i] is { } known)
            {
                result = known;
            }
            else
            {
                var batch = JitCompiler.Compile(module, f.Instance.Store.Features, f.Instance.Types, [i], f.Instance.Store.Limiter.FuelEnabled);
                result = batch.Results[0];
                state.Methods[i] = batch.Methods[i];
                state.Entries[i] = batch.Entries[i];
                state.Results[i] = result;
                fresh = true;
            }
        }
        if (result.Compiled)
        {
            var entry = new TypedEntry(state.Entries[i], JitContext.Of(f.Instance), state.Methods[i]);
            f.CompiledEntry = entry;
            f.Code = new JitCode(entry, f.Type);
        }
        return (result, fresh);
    }

    /// <summary>Has <paramref name="f"/>'s module a compiled copy of it (or a final refusal)?</summary>
    public static bool IsDecided(WasmFunction f) => StateOf(f.Instance).Results[f.Index] is not null;

    /// <summary>Compiles the loop entry of <paramref name="f"/> at <paramref name="site"/> unless it exists.</summary>
    public static (JitFunctionResult Result, bool Fresh) CompileLoopEntry(WasmFunction f, LoopSite site)
    {
        var state = StateOf(f.Instance);
        var key = (f.Index, site.LoopOffset);
        if (state.Loops.TryGetValue(key, out var known))
        {
            return (known.Result, false);
        }
        var compiled = JitCompiler.CompileLoopEntry(f.Instance.Module, f.Instance.Store.Features, f.Instance.Types, f.Index, site,
            f.Instance.Store.Limiter.FuelEnabled);
        bool fresh = state.Loops.TryAdd(key, compiled);
        return (state.Loops[key].Result, fresh);
    }

    /// <summary>The compiled loop entry bound to <paramref name="f"/>'s instance, or null if not compiled (or refused).</summary>
    public static LoopEntry? LoopEntryOf(WasmFunction f, LoopSite site) =>
        StateOf(f.Instance).Loops.TryGetValue((f.Index, site.LoopOffset), out var c) && c.Body is { } body
            ? new JitLoopEntry(body, JitContext.Of(f.Instance))
            : null;
}
