using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;

namespace WasmJit.Jit;

/// <summary>
/// Calls a <see cref="JitFunction"/> from the host with untyped <see cref="JitValue"/>s: a per-signature stub
/// (cached) unpacks the arguments, makes the typed <c>calli</c>, and packs the results. On a trap it adds the wasm
/// frames of the compiled code (their method names, see <see cref="JitCompiler.FrameName"/>) to the trap's backtrace.
/// </summary>
internal static class JitInvoker
{
    private delegate void Stub(nint entry, object target, JitValue[] values);

    private static readonly ConcurrentDictionary<string, Stub> s_stubs = new();

    private const string FramesSeenKey = "wasmjit.frames-seen";

    /// <summary>Arguments in <paramref name="values"/>[0..n); results replace them from index 0.</summary>
    public static void Invoke(JitFunction f, JitValue[] values)
    {
        var stub = s_stubs.GetOrAdd(JitSignature.Key(f.Type), static (_, t) => CreateStub(t), f.Type);
        try
        {
            stub(f.Entry, f.Target, values);
        }
        catch (WasmTrapException e)
        {
            AddBacktrace(e);
            throw;
        }
    }

    public static JitValue[] Call(JitFunction f, params JitValue[] args)
    {
        var values = new JitValue[Math.Max(args.Length, f.Type.Results.Length)];
        args.CopyTo(values, 0);
        Invoke(f, values);
        return values.AsSpan(0, f.Type.Results.Length).ToArray();
    }

    /// <summary>Appends the compiled wasm frames between the throw and this boundary (innermost first).</summary>
    private static void AddBacktrace(WasmTrapException e)
    {
        var frames = new StackTrace(e, false).GetFrames();
        int seen = e.Data[FramesSeenKey] is int n ? n : 0;
        for (int i = seen; i < frames.Length; i++)
        {
            var name = frames[i].GetMethod()?.Name;
            if (name is not null && name.Contains("(func ", StringComparison.Ordinal))
            {
                e.AddFrame(name);
            }
        }
        e.Data[FramesSeenKey] = frames.Length;
    }

    private static Stub CreateStub(FuncType t)
    {
        var dm = new DynamicMethod("wasmjit-invoke " + t, typeof(void), [typeof(nint), typeof(object), typeof(JitValue[])],
            typeof(JitContext).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        for (int i = 0; i < t.Params.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(JitValue));
            LoadValue(il, t.Params[i].Kind);
        }
        var results = new LocalBuilder[t.Results.Length];
        for (int k = 0; k < t.Results.Length; k++)
        {
            results[k] = il.DeclareLocal(JitMembers.ClrType(t.Results[k].Kind));
            if (k > 0)
            {
                il.Emit(OpCodes.Ldloca, results[k]);
            }
        }
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_0);
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, JitSignature.ReturnType(t), JitSignature.ParameterTypes(t, typeof(object)), null);
        if (results.Length > 0)
        {
            il.Emit(OpCodes.Stloc, results[0]);
        }
        for (int k = 0; k < results.Length; k++)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, k);
            il.Emit(OpCodes.Ldelema, typeof(JitValue));
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Initobj, typeof(JitValue));
            StoreValue(il, t.Results[k].Kind, results[k]);
        }
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate<Stub>();
    }

    /// <summary>Stack: <c>ref JitValue</c> -> the value as its CLR type.</summary>
    internal static void LoadValue(ILGenerator il, ValKind kind)
    {
        if (kind == ValKind.Ref)
        {
            il.Emit(OpCodes.Ldfld, JitMembers.ValueRef);
            return;
        }
        il.Emit(OpCodes.Ldflda, JitMembers.ValueBits);
        switch (kind)
        {
            case ValKind.I32: il.Emit(OpCodes.Ldind_I4); break;
            case ValKind.I64: il.Emit(OpCodes.Ldind_I8); break;
            case ValKind.F32: il.Emit(OpCodes.Ldind_R4); break;
            case ValKind.F64: il.Emit(OpCodes.Ldind_R8); break;
            default: il.Emit(OpCodes.Ldobj, typeof(Vector128<byte>)); break;
        }
    }

    /// <summary>Stack: <c>ref JitValue</c> -> (stores <paramref name="value"/>).</summary>
    internal static void StoreValue(ILGenerator il, ValKind kind, LocalBuilder value)
    {
        if (kind == ValKind.Ref)
        {
            il.Emit(OpCodes.Ldloc, value);
            il.Emit(OpCodes.Stfld, JitMembers.ValueRef);
            return;
        }
        il.Emit(OpCodes.Ldflda, JitMembers.ValueBits);
        il.Emit(OpCodes.Ldloc, value);
        switch (kind)
        {
            case ValKind.I32: il.Emit(OpCodes.Stind_I4); break;
            case ValKind.I64: il.Emit(OpCodes.Stind_I8); break;
            case ValKind.F32: il.Emit(OpCodes.Stind_R4); break;
            case ValKind.F64: il.Emit(OpCodes.Stind_R8); break;
            default: il.Emit(OpCodes.Stobj, typeof(Vector128<byte>)); break;
        }
    }
}
