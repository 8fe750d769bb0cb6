using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;

namespace WasmJit.Jit;

/// <summary>
/// Tier boundaries, one pair of stubs per signature shape (cached process-wide):
/// <list type="bullet">
/// <item>a <b>bridge</b> lets compiled code call any <see cref="FunctionInstance"/> that has no compiled entry
/// (interpreted wasm, host functions, functions of another engine): it has the compiled calling convention with the
/// function as its target, writes the arguments to the thread's <see cref="WasmStack"/> above
/// <see cref="WasmStack.Top"/>, calls <see cref="FunctionInstance.Call"/> and reads the results back;</item>
/// <item>an <b>invoker</b> is the reverse, for <see cref="JitCode.Call"/>: arguments from slots, a typed
/// <c>calli</c>, results to slots.</item>
/// </list>
/// Calls between compiled functions use neither: they are direct IL calls or a typed <c>calli</c>.
/// </summary>
internal static class Bridges
{
    /// <summary>(entry address, entry target, stack, base slot).</summary>
    public delegate void Invoker(nint entry, object target, WasmStack stack, int baseSlot);

    private static readonly ConcurrentDictionary<string, DynamicMethod> s_bridges = new();
    private static readonly ConcurrentDictionary<string, Invoker> s_invokers = new();
    private static readonly ConcurrentDictionary<DynamicMethod, nint> s_addresses = new();

    /// <summary>Gives <paramref name="f"/> a bridge entry unless it has an entry already; returns its entry.</summary>
    public static TypedEntry Bind(FunctionInstance f)
    {
        var bridge = s_bridges.GetOrAdd(Shape(f.Type), static (_, t) => CreateBridge(t), f.Type);
        var entry = new TypedEntry(s_addresses.GetOrAdd(bridge, JitCompiler.EntryPoint), f, bridge);
        return Interlocked.CompareExchange(ref f.CompiledEntry, entry, null) ?? entry;
    }

    public static Invoker InvokerFor(FuncType t) => s_invokers.GetOrAdd(Shape(t), static (_, t) => CreateInvoker(t), t);

    /// <summary>The CLR shape of a signature: one letter per value kind.</summary>
    public static string Shape(FuncType t)
    {
        var sb = new System.Text.StringBuilder(t.Params.Length + t.Results.Length + 1);
        foreach (var p in t.Params)
        {
            sb.Append(Letter(p.Kind));
        }
        sb.Append('>');
        foreach (var r in t.Results)
        {
            sb.Append(Letter(r.Kind));
        }
        return sb.ToString();
    }

    private static char Letter(ValKind k) => k switch
    {
        ValKind.I32 => 'i',
        ValKind.I64 => 'l',
        ValKind.F32 => 'f',
        ValKind.F64 => 'd',
        ValKind.V128 => 'v',
        _ => 'r',
    };

    /// <summary>The stack frame a bridge writes its call into: [Top, Top + max(params, results)).</summary>
    public static WasmStack BeginCall(FunctionInstance f, out int baseSlot)
    {
        var s = WasmStack.Current ?? throw new InvalidOperationException("compiled wasm code ran without a bound WasmStack");
        int b = s.Top;
        int end = b + Math.Max(f.ParamSlots, f.ResultSlots);
        s.CheckCapacity(end);
        s.EnsureRefs(end);
        s.Top = end;
        baseSlot = b;
        return s;
    }

    public static void EndCall(WasmStack s, int baseSlot) => s.Top = baseSlot;

    private static readonly MethodInfo s_beginCall = JitMembers.M(typeof(Bridges), nameof(BeginCall));
    private static readonly MethodInfo s_endCall = JitMembers.M(typeof(Bridges), nameof(EndCall));
    private static readonly MethodInfo s_call = JitMembers.M(typeof(FunctionInstance), "Call", typeof(WasmStack), typeof(int));

    private static DynamicMethod CreateBridge(FuncType t)
    {
        var dm = new DynamicMethod("wasmjit-bridge " + Shape(t), JitSignature.ReturnType(t), JitSignature.ParameterTypes(t, typeof(object)),
            typeof(Bridges).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        short target = (short)JitSignature.ContextArgIndex(t);
        var fn = il.DeclareLocal(typeof(FunctionInstance));
        var stack = il.DeclareLocal(typeof(WasmStack));
        var b = il.DeclareLocal(typeof(int));
        il.Emit(OpCodes.Ldarg, target);
        il.Emit(OpCodes.Castclass, typeof(FunctionInstance));
        il.Emit(OpCodes.Stloc, fn);
        il.Emit(OpCodes.Ldloc, fn);
        il.Emit(OpCodes.Ldloca, b);
        il.Emit(OpCodes.Call, s_beginCall);
        il.Emit(OpCodes.Stloc, stack);
        var po = SlotAbi.Offsets(t.Params);
        for (int i = 0; i < po.Length; i++)
        {
            SlotAddress(il, stack, b, po[i]);
            il.Emit(OpCodes.Ldarg, (short)i);
            il.Emit(OpCodes.Call, SlotAbi.Setter(t.Params[i].Kind));
        }
        il.Emit(OpCodes.Ldloc, fn);
        il.Emit(OpCodes.Ldloc, stack);
        il.Emit(OpCodes.Ldloc, b);
        il.Emit(OpCodes.Callvirt, s_call);
        var ro = SlotAbi.Offsets(t.Results);
        for (int k = 1; k < ro.Length; k++)
        {
            il.Emit(OpCodes.Ldarg, (short)JitSignature.ResultRefArgIndex(t, k));
            SlotAddress(il, stack, b, ro[k]);
            il.Emit(OpCodes.Call, SlotAbi.Getter(t.Results[k].Kind));
            StoreIndirect(il, t.Results[k].Kind);
        }
        il.Emit(OpCodes.Ldloc, stack);
        il.Emit(OpCodes.Ldloc, b);
        il.Emit(OpCodes.Call, s_endCall);
        if (ro.Length > 0)
        {
            SlotAddress(il, stack, b, ro[0]);
            il.Emit(OpCodes.Call, SlotAbi.Getter(t.Results[0].Kind));
        }
        il.Emit(OpCodes.Ret);
        return dm;
    }

    private static Invoker CreateInvoker(FuncType t)
    {
        var dm = new DynamicMethod("wasmjit-invoke " + Shape(t), typeof(void), [typeof(nint), typeof(object), typeof(WasmStack), typeof(int)],
            typeof(Bridges).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        var po = SlotAbi.Offsets(t.Params);
        for (int i = 0; i < po.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldarg_3);
            il.Emit(OpCodes.Ldc_I4, po[i]);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Call, SlotAbi.Getter(t.Params[i].Kind));
        }
        var results = new LocalBuilder[t.Results.Length];
        for (int k = 0; k < results.Length; k++)
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
        var ro = SlotAbi.Offsets(t.Results);
        for (int k = 0; k < results.Length; k++)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldarg_3);
            il.Emit(OpCodes.Ldc_I4, ro[k]);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldloc, results[k]);
            il.Emit(OpCodes.Call, SlotAbi.Setter(t.Results[k].Kind));
        }
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate<Invoker>();
    }

    /// <summary>Pushes (stack, base + offset) for a SlotAbi call.</summary>
    private static void SlotAddress(ILGenerator il, LocalBuilder stack, LocalBuilder b, int offset)
    {
        il.Emit(OpCodes.Ldloc, stack);
        il.Emit(OpCodes.Ldloc, b);
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Add);
    }

    private static void StoreIndirect(ILGenerator il, ValKind kind)
    {
        switch (kind)
        {
            case ValKind.I32: il.Emit(OpCodes.Stind_I4); break;
            case ValKind.I64: il.Emit(OpCodes.Stind_I8); break;
            case ValKind.F32: il.Emit(OpCodes.Stind_R4); break;
            case ValKind.F64: il.Emit(OpCodes.Stind_R8); break;
            case ValKind.V128: il.Emit(OpCodes.Stobj, typeof(System.Runtime.Intrinsics.Vector128<byte>)); break;
            default: il.Emit(OpCodes.Stind_Ref); break;
        }
    }
}
