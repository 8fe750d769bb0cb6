namespace WasmJit.PublicApi.Tests;

/// <summary>Traps, host exceptions, link errors and what they carry.</summary>
public sealed class ErrorTests
{
    private const string Checked = """
        (module
          (import "env" "check" (func $check (param i32)))
          (func $inner (export "inner") (param i32) (call $check (local.get 0)))
          (func $outer (export "outer") (param i32) (result i32) (call $inner (local.get 0)) (i32.const 7))
          (func $boom (export "boom") (result i32) (i32.div_s (i32.const 1) (i32.const 0))))
        """;

    private static (Store Store, Instance Instance) Create(Action<int> check)
    {
        var engine = new Engine();
        var store = new Store(engine);
        var instance = new Linker(engine).DefineFunction("env", "check", check).Instantiate(store, Module.FromText(engine, Checked, "checked"));
        return (store, instance);
    }

    [Fact]
    public void HostExceptionReachesTheCallerWithWasmFramesAndTheInstanceStaysUsable()
    {
        var thrown = new InvalidOperationException("bad value 13");
        var (store, instance) = Create(v =>
        {
            if (v == 13)
            {
                throw thrown;
            }
        });
        using (store)
        {
            var outer = instance.GetFunction<int, int>("outer");
            var e = Assert.Throws<WasmTrapException>(() => outer(13));
            Assert.Equal(TrapKind.HostError, e.Kind);
            Assert.Same(thrown, e.InnerException);
            Assert.Contains("env.check", e.Message);
            Assert.Contains("bad value 13", e.Message);
            Assert.Equal(2, e.WasmBacktrace.Count);
            Assert.Contains("inner", e.WasmBacktrace[0]);
            Assert.Contains("outer", e.WasmBacktrace[1]);

            Assert.Equal(7, outer(1));
            Assert.Equal(7, instance.GetFunction("outer")!.Invoke(2));
        }
    }

    [Fact]
    public void TrapsCarryKindAndBacktrace()
    {
        var (store, instance) = Create(_ => { });
        using (store)
        {
            var e = Assert.Throws<WasmTrapException>(() => instance.GetFunction<int>("boom")());
            Assert.Equal(TrapKind.IntegerDivideByZero, e.Kind);
            Assert.Single(e.WasmBacktrace);
            Assert.Contains("checked!boom", e.WasmBacktrace[0]);
            Assert.Equal(7, instance.GetFunction<int, int>("outer")(0));
        }
    }

    [Fact]
    public void UnknownImportNamesModuleAndField()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var e = Assert.Throws<WasmLinkException>(() => new Linker(engine).Instantiate(store, Module.FromText(engine, Checked)));
        Assert.Contains("unknown import \"env\" \"check\"", e.Message);
        Assert.Contains("(i32) -> ()", e.Message);
    }

    [Fact]
    public void IncompatibleImportIsALinkError()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine).DefineFunction("env", "check", (long _) => { });
        var e = Assert.Throws<WasmLinkException>(() => linker.Instantiate(store, Module.FromText(engine, Checked)));
        Assert.Contains("incompatible import type", e.Message);
    }

    [Fact]
    public void DuplicateDefinitionsNeedShadowing()
    {
        var engine = new Engine();
        var linker = new Linker(engine).DefineFunction("env", "f", () => 1);
        Assert.Throws<InvalidOperationException>(() => linker.DefineFunction("env", "f", () => 2));
        linker.AllowShadowing = true;
        linker.DefineFunction("env", "f", () => 3);
        using var store = new Store(engine);
        var i = linker.Instantiate(store, Module.FromText(engine, """(module (import "env" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))"""));
        Assert.Equal(3, i.GetFunction<int>("g")());
    }

    [Fact]
    public void MalformedAndInvalidModules()
    {
        var engine = new Engine();
        Assert.Throws<WasmMalformedException>(() => Module.FromBytes(engine, [0, 97, 115, 109, 2, 0, 0, 0]));
        Assert.Throws<WasmInvalidException>(() => Module.FromText(engine, "(module (func (result i32) (i64.const 1)))"));
        Assert.Null(Module.Validate(engine, [0, 97, 115, 109, 1, 0, 0, 0]));
        Assert.NotNull(Module.Validate(engine, [0, 97, 115, 109, 1, 0, 0]));
        // A feature the engine does not enable: its opcodes are unknown, so the module is malformed (as the spec says).
        var mvp = new Engine(EngineConfig.Default.WithFeatures(WasmFeatures.Wasm1));
        var e = Assert.Throws<WasmMalformedException>(() => Module.FromText(mvp, "(module (func (result i32) (i32.const 1) (i32.extend8_s)))"));
        Assert.Contains("illegal opcode", e.Message);
    }
}
