using WasmJit.Runtime;

namespace WasmJit.Jit.Tests;

using Store = WasmJit.Runtime.Store;

/// <summary>
/// Instantiates a <see cref="TestModule"/> in a runtime <see cref="Store"/> (JIT engine by default) with typed host
/// delegates as its imports, and checks that the JIT compiled every function.
/// </summary>
internal sealed class TestInstance : IDisposable
{
    public TestInstance(TestModule tm, params Delegate[] hosts)
        : this(tm, new StoreOptions { Engine = EngineKind.Jit, Features = WasmFeatures.All }, hosts)
    {
    }

    public TestInstance(TestModule tm, StoreOptions options, params Delegate[] hosts)
    {
        Module = tm.Build();
        var failures = new List<string>();
        Store = new Store(options with { OnTierUp = e => { lock (failures) { if (!e.Compiled) failures.Add(e.ToString()); } options.OnTierUp?.Invoke(e); } });
        int next = 0;
        Instance = Store.Instantiate(Module, imp => Host(Module.FuncTypeAt(imp.TypeIndex), hosts[next++], imp.Name));
        if (Store.Engine is JitEngine jit)
        {
            jit.Install(Instance);
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            for (int f = Module.ImportedFunctionCount; f < Instance.Functions.Length; f++)
            {
                Assert.IsType<JitCode>(((WasmFunction)Instance.Functions[f]).Code);
            }
        }
    }

    public WasmModule Module { get; }
    public Store Store { get; }
    public ModuleInstance Instance { get; }

    public WasmValue[] Call(int f, params WasmValue[] args) => Instance.Functions[f].Invoke(args);

    public int I32(int f, params int[] args) => Call(f, [.. args.Select(WasmValue.FromI32)])[0].I32;

    public void SetTable(int table, int index, int function) => Instance.Tables[table].Elements[index] = Instance.Functions[function];

    public void Dispose() => Store.Dispose();

    /// <summary>A typed delegate as a host function (boxing through DynamicInvoke: tests only).</summary>
    private static HostFunction Host(FuncType type, Delegate d, string name) => FunctionInstance.FromHost(type, args =>
    {
        var clr = new object?[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            clr[i] = args[i].Type.Kind switch
            {
                ValKind.I32 => args[i].I32,
                ValKind.I64 => args[i].I64,
                ValKind.F32 => args[i].F32,
                ValKind.F64 => args[i].F64,
                ValKind.V128 => args[i].V128,
                _ => args[i].Ref,
            };
        }
        object? r = d.DynamicInvoke(clr);
        if (type.Results.Length == 0)
        {
            return [];
        }
        return [r switch
        {
            int v => WasmValue.FromI32(v),
            long v => WasmValue.FromI64(v),
            float v => WasmValue.FromF32(v),
            double v => WasmValue.FromF64(v),
            System.Runtime.Intrinsics.Vector128<byte> v => WasmValue.FromV128(v),
            _ => WasmValue.FromRef(type.Results[0], r),
        }];
    }, name);
}

/// <summary>Shorthands for argument values.</summary>
internal static class JitValue
{
    public static WasmValue I32(int v) => WasmValue.FromI32(v);

    public static WasmValue I64(long v) => WasmValue.FromI64(v);

    public static WasmValue F32(float v) => WasmValue.FromF32(v);

    public static WasmValue F64(double v) => WasmValue.FromF64(v);

    public static WasmValue V128(System.Runtime.Intrinsics.Vector128<byte> v) => WasmValue.FromV128(v);
}
