namespace WasmJit.PublicApi.Tests;

/// <summary><see cref="EngineConfig.LazyValidation"/>: function bodies validated on their first call.</summary>
public sealed class LazyValidationTests
{
    private const string Wat = """
        (module
          (func (export "good") (result i32) (i32.const 7))
          (func $bad (export "bad") (result i32) (i64.const 1))
          (func (export "callsBad") (result i32) (call $bad)))
        """;

    [Fact]
    public void EagerByDefault()
    {
        Assert.False(EngineConfig.Default.LazyValidation);
        var e = Assert.Throws<WasmInvalidException>(() => Module.FromText(new Engine(), Wat));
        Assert.StartsWith("type mismatch", e.Message);
    }

    [Fact]
    public void LazyReportsTheEagerErrorAtTheFirstCallOfTheBadFunction()
    {
        string eager = Assert.Throws<WasmInvalidException>(() => Module.FromText(new Engine(), Wat)).Message;
        var engine = new Engine(EngineConfig.Default.WithLazyValidation(true));
        Assert.True(engine.Config.LazyValidation);
        Assert.True(engine.Config.WithStrategy(ExecutionStrategy.Tiered).LazyValidation);
        var module = Module.FromText(engine, Wat);
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, module);
        var good = instance.GetFunction<int>("good");
        Assert.Equal(7, good());
        Assert.Equal(eager, Assert.Throws<WasmInvalidException>(() => instance.GetFunction<int>("bad")()).Message);
        // Reached from wasm code too, and again (never remembered as valid).
        Assert.Equal(eager, Assert.Throws<WasmInvalidException>(() => instance.GetFunction<int>("callsBad")()).Message);
        Assert.Equal(eager, Assert.Throws<WasmInvalidException>(() => instance.GetFunction("bad")!.Invoke()).Message);
        Assert.Equal(7, good());
    }

    [Fact]
    public void JitStrategyValidatesEagerly()
    {
        var engine = new Engine(EngineConfig.Default.WithStrategy(ExecutionStrategy.Jit).WithLazyValidation(true));
        Assert.Throws<WasmInvalidException>(() => Module.FromText(engine, Wat));
    }
}
