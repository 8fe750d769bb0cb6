using System.Reflection.Emit;

namespace WasmJit.Jit;

/// <summary>
/// Makes a typed host delegate callable from compiled code with no boxing and no <c>object[]</c>: a stub with the
/// compiled calling convention (<see cref="JitSignature"/>) whose last argument is the delegate, which it invokes
/// directly. The delegate's parameters and return type must be the CLR types of the wasm signature (single result).
/// </summary>
internal static class JitHostStub
{
    public static JitFunction Create(FuncType type, Delegate host, string name)
    {
        if (type.Results.Length > 1)
        {
            throw new NotSupportedException("host functions with more than one result need the runtime's host ABI");
        }
        var invoke = host.GetType().GetMethod("Invoke")!;
        var dm = new DynamicMethod("host " + name, JitSignature.ReturnType(type), JitSignature.ParameterTypes(type, typeof(object)),
            typeof(JitContext).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        il.Emit(OpCodes.Ldarg, (short)JitSignature.ContextArgIndex(type));
        il.Emit(OpCodes.Castclass, host.GetType());
        for (int i = 0; i < type.Params.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, (short)i);
        }
        il.Emit(OpCodes.Callvirt, invoke);
        il.Emit(OpCodes.Ret);
        nint entry = JitCompiler.EntryPoint(dm);
        return new JitFunction(type, TypeRegistry.IdOf(type), host, entry, name) { Keepalive = dm };
    }
}
