using WasmJit.Runtime;
using WasmJit.Text;

namespace WasmJit.Jit.Tests;

using Store = WasmJit.Runtime.Store;

/// <summary>The JIT never compiles a body that lazy validation has not checked (ModuleContext.EnsureBodyValid).</summary>
public sealed class LazyValidationTests
{
    private const string Wat = """
        (module
          (func (export "good") (result i32) (i32.const 7))
          (func (export "bad") (result i32) (i64.const 1)))
        """;

    private static WasmModule LazyModule() =>
        ModuleLoader.DecodeAndValidate(WatParser.ParseModule(System.Text.Encoding.UTF8.GetBytes(Wat)), WasmFeatures.All, lazyBodies: true);

    [Fact]
    public void WholeModuleCompilationValidatesEveryPendingBody()
    {
        string eager = Assert.Throws<WasmInvalidException>(() =>
            ModuleLoader.DecodeAndValidate(WatParser.ParseModule(System.Text.Encoding.UTF8.GetBytes(Wat)), WasmFeatures.All)).Message;
        var module = LazyModule();
        Assert.True(module.Context!.HasPendingBodies);
        using var store = new Store(new StoreOptions { Engine = EngineKind.Jit, Features = WasmFeatures.All });
        var instance = store.Instantiate(module, _ => null);
        // Calling the good function compiles the whole module, which reaches the bad body first.
        var e = Assert.Throws<WasmInvalidException>(() => instance.Functions[0].Invoke([]));
        Assert.Equal(eager, e.Message);
    }

    [Fact]
    public void TieredCompilesHotValidatedFunctions()
    {
        var module = LazyModule();
        var events = new List<TierUpEvent>();
        using var store = new Store(new StoreOptions
        {
            Engine = EngineKind.Tiered,
            Features = WasmFeatures.All,
            TierUpCalls = 2,
            TierUpInBackground = false,
            OnTierUp = e => { lock (events) { events.Add(e); } },
        });
        var instance = store.Instantiate(module, _ => null);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(7, instance.Functions[0].Invoke([])[0].I32);
        }
        Assert.Contains(events, e => e.FunctionIndex == 0 && e.Compiled);
        Assert.Throws<WasmInvalidException>(() => instance.Functions[1].Invoke([]));
        Assert.True(module.Context!.HasPendingBodies);
    }
}
