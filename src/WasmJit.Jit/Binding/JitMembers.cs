using System.Reflection;
using System.Runtime.Intrinsics;

namespace WasmJit.Jit;

/// <summary>
/// Every field and method of the runtime objects that emitted IL touches, in one place, so that the compiler
/// never names runtime members itself.
/// </summary>
internal static class JitMembers
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static readonly FieldInfo CtxStackLow = F(typeof(JitContext), nameof(JitContext.StackLow));
    public static readonly FieldInfo CtxStackSpan = F(typeof(JitContext), nameof(JitContext.StackSpan));
    public static readonly FieldInfo CtxMemory0 = F(typeof(JitContext), nameof(JitContext.Memory0));
    public static readonly FieldInfo CtxMemories = F(typeof(JitContext), nameof(JitContext.Memories));
    public static readonly FieldInfo CtxTables = F(typeof(JitContext), nameof(JitContext.Tables));
    public static readonly FieldInfo CtxGlobals = F(typeof(JitContext), nameof(JitContext.Globals));
    public static readonly FieldInfo CtxFunctions = F(typeof(JitContext), nameof(JitContext.Functions));
    public static readonly FieldInfo CtxLimiter = F(typeof(JitContext), nameof(JitContext.Limiter));

    /// <summary><c>volatile int ExecutionLimiter.Interrupt</c>: polled at function entries and loop headers.</summary>
    public static readonly FieldInfo LimiterInterrupt = F(typeof(ExecutionLimiter), nameof(ExecutionLimiter.Interrupt));

    /// <summary><c>ExecutionLimiter.Charge(long)</c>: a fuel charge point (inlined by RyuJIT).</summary>
    public static readonly MethodInfo LimiterCharge = M(typeof(ExecutionLimiter), nameof(ExecutionLimiter.Charge));

    /// <summary><c>Exception ExecutionLimiter.InterruptedException(int reason)</c>, thrown by the cold interrupt block.</summary>
    public static readonly MethodInfo LimiterInterrupted = M(typeof(ExecutionLimiter), nameof(ExecutionLimiter.InterruptedException));

    /// <summary><c>byte* MemoryInstance.Base</c> (never moves).</summary>
    public static readonly MethodInfo MemBase = P(typeof(MemoryInstance), nameof(MemoryInstance.Base));

    /// <summary><c>ulong MemoryInstance.ByteLength</c> (only grows).</summary>
    public static readonly MethodInfo MemLength = P(typeof(MemoryInstance), nameof(MemoryInstance.ByteLength));

    public static readonly FieldInfo TableElements = F(typeof(TableInstance), nameof(TableInstance.Elements));
    public static readonly FieldInfo TableCount = F(typeof(TableInstance), nameof(TableInstance.Count));

    public static readonly FieldInfo GlobalBits = F(typeof(GlobalInstance), nameof(GlobalInstance.Bits));
    public static readonly FieldInfo GlobalHigh = F(typeof(GlobalInstance), nameof(GlobalInstance.High));
    public static readonly FieldInfo GlobalRef = F(typeof(GlobalInstance), nameof(GlobalInstance.Ref));

    public static readonly FieldInfo EntryAddress = F(typeof(TypedEntry), nameof(TypedEntry.Address));
    public static readonly FieldInfo EntryTarget = F(typeof(TypedEntry), nameof(TypedEntry.Target));
    public static readonly MethodInfo FuncCanonicalType = P(typeof(FunctionInstance), nameof(FunctionInstance.CanonicalType));
    public static readonly MethodInfo TypeId = P(typeof(DefinedType), nameof(DefinedType.Id));

    public static readonly MethodInfo Trap = M(typeof(JitHelpers), nameof(JitHelpers.Trap));
    public static readonly MethodInfo StackCheckSlow = M(typeof(JitHelpers), nameof(JitHelpers.StackCheckSlow));
    public static readonly MethodInfo EntryOf = M(typeof(JitHelpers), nameof(JitHelpers.EntryOf));
    public static readonly MethodInfo CheckSubtype = M(typeof(JitHelpers), nameof(JitHelpers.CheckSubtype));
    public static readonly MethodInfo MemoryGrow = M(typeof(JitHelpers), nameof(JitHelpers.MemoryGrow));
    public static readonly MethodInfo MemoryFill = M(typeof(JitHelpers), nameof(JitHelpers.MemoryFill));
    public static readonly MethodInfo MemoryCopy = M(typeof(JitHelpers), nameof(JitHelpers.MemoryCopy));
    public static readonly MethodInfo MemoryInit = M(typeof(JitHelpers), nameof(JitHelpers.MemoryInit));
    public static readonly MethodInfo DataDrop = M(typeof(JitHelpers), nameof(JitHelpers.DataDrop));
    public static readonly MethodInfo ElemDrop = M(typeof(JitHelpers), nameof(JitHelpers.ElemDrop));
    public static readonly MethodInfo TableGrow = M(typeof(JitHelpers), nameof(JitHelpers.TableGrow));
    public static readonly MethodInfo TableFill = M(typeof(JitHelpers), nameof(JitHelpers.TableFill));
    public static readonly MethodInfo TableCopy = M(typeof(JitHelpers), nameof(JitHelpers.TableCopy));
    public static readonly MethodInfo TableInit = M(typeof(JitHelpers), nameof(JitHelpers.TableInit));

    /// <summary>The CLR type a wasm value of this kind has in compiled code (params, locals, stack slots).</summary>
    public static Type ClrType(ValKind kind) => kind switch
    {
        ValKind.I32 => typeof(int),
        ValKind.I64 => typeof(long),
        ValKind.F32 => typeof(float),
        ValKind.F64 => typeof(double),
        ValKind.V128 => typeof(Vector128<byte>),
        _ => typeof(object),
    };

    public static FieldInfo F(Type t, string name) =>
        t.GetField(name, Any) ?? throw new MissingFieldException(t.FullName, name);

    public static MethodInfo M(Type t, string name) =>
        t.GetMethod(name, Any) ?? throw new MissingMethodException(t.FullName, name);

    public static MethodInfo M(Type t, string name, params Type[] args) =>
        t.GetMethod(name, Any, args) ?? throw new MissingMethodException(t.FullName, name);

    /// <summary>A property's getter.</summary>
    public static MethodInfo P(Type t, string name) =>
        t.GetProperty(name, Any)?.GetMethod ?? throw new MissingMethodException(t.FullName, "get_" + name);
}
