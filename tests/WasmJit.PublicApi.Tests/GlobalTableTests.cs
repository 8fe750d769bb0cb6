namespace WasmJit.PublicApi.Tests;

/// <summary>Host globals and tables, funcref values, and linking instances to each other.</summary>
public sealed class GlobalTableTests
{
    [Fact]
    public void HostGlobalsAndTables()
    {
        const string wat = """
            (module
              (import "env" "counter" (global $g (mut i32)))
              (import "env" "limit" (global $limit i64))
              (import "env" "slots" (table $t 2 funcref))
              (type $ii (func (param i32) (result i32)))
              (func $double (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "bump") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
              (func (export "limit") (result i64) (global.get $limit))
              (func (export "call_slot") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))
              (global (export "answer") i32 (i32.const 42)))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var counter = new Global(store, ValType.I32, 10, mutable: true);
        var table = new Table(store, ValType.FuncRef, 2);
        var linker = new Linker(engine)
            .Define("env", "counter", counter)
            .Define("env", "limit", new Global(store, ValType.I64, 1L << 33))
            .Define("env", "slots", table);
        var instance = linker.Instantiate(store, Module.FromText(engine, wat));

        Assert.Equal(11, instance.GetFunction<int>("bump")());
        Assert.Equal(11, counter.GetValue());
        counter.SetValue(100);
        Assert.Equal(101, instance.GetFunction<int>("bump")());
        Assert.Equal(1L << 33, instance.GetFunction<long>("limit")());
        var answer = instance.GetGlobal("answer")!;
        Assert.Equal(42, answer.GetValue());
        Assert.Throws<InvalidOperationException>(() => answer.SetValue(1));
        Assert.Throws<ArgumentException>(() => counter.SetValue(1.5));

        var dbl = instance.GetFunction("double")!;
        table.SetElement(1, dbl);
        Assert.Equal(dbl, table.GetElement(1));
        Assert.Null(table.GetElement(0));
        Assert.Equal(42, instance.GetFunction<int, int, int>("call_slot")(1, 21));
        var trap = Assert.Throws<WasmTrapException>(() => instance.GetFunction<int, int, int>("call_slot")(0, 21));
        Assert.Equal(TrapKind.UninitializedElement, trap.Kind);
        Assert.Equal(2, table.Grow(3, dbl));
        Assert.Equal(5, table.Size);
        Assert.Equal(8, instance.GetFunction<int, int, int>("call_slot")(4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.GetElement(5));
        Assert.Throws<ArgumentException>(() => table.SetElement(0, "not a function"));
    }

    [Fact]
    public void DefineInstanceLinksModules()
    {
        const string lib = """
            (module (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
              (memory (export "mem") 1))
            """;
        const string app = """
            (module (import "lib" "square" (func $sq (param i32) (result i32))) (import "lib" "mem" (memory 1))
              (func (export "run") (param i32) (result i32) (i32.store (i32.const 0) (call $sq (local.get 0))) (i32.load (i32.const 0))))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        var libInstance = linker.Instantiate(store, Module.FromText(engine, lib));
        linker.DefineInstance("lib", libInstance);
        var appInstance = linker.Instantiate(store, Module.FromText(engine, app));
        Assert.Equal(81, appInstance.GetFunction<int, int>("run")(9));
        Assert.Equal(81, libInstance.GetMemory("mem")!.Read<int>(0));

        using var other = new Store(engine);
        var e = Assert.Throws<WasmLinkException>(() => linker.Instantiate(other, Module.FromText(engine, app)));
        Assert.Contains("another store", e.Message);
    }

    [Fact]
    public void FunctionReferencesCrossTheBoundary()
    {
        const string wat = """
            (module
              (type $ii (func (param i32) (result i32)))
              (table $t 1 funcref)
              (func $inc (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "get_inc") (result funcref) (ref.func $inc))
              (func (export "apply") (param funcref i32) (result i32)
                (table.set $t (i32.const 0) (local.get 0))
                (call_indirect (type $ii) (local.get 1) (i32.const 0)))
              (elem declare func $inc))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, wat));
        var inc = instance.GetFunction<Function>("get_inc")();
        Assert.Equal(instance.GetFunction("inc"), inc);
        Assert.Equal(6, inc.AsFunc<int, int>()(5));
        Assert.Equal(11, instance.GetFunction<Function, int, int>("apply")(inc, 10));
        Assert.Equal(11, instance.GetFunction("apply")!.Invoke(inc, 10));

        using var otherStore = new Store(engine);
        var foreign = new Linker(engine).Instantiate(otherStore, Module.FromText(engine, wat)).GetFunction("inc")!;
        Assert.Throws<ArgumentException>(() => instance.GetFunction<Function, int, int>("apply")(foreign, 1));
    }

    [Fact]
    public void ModuleDescribesImportsAndExports()
    {
        const string wat = """
            (module $described
              (import "env" "f" (func (param i32 f64) (result i64)))
              (import "env" "m" (memory 1 2))
              (import "env" "g" (global (mut f32)))
              (import "env" "t" (table 3 externref))
              (func (export "run"))
              (global (export "c") i32 (i32.const 1)))
            """;
        var module = Module.FromText(new Engine(), wat);
        Assert.Equal("described", module.Name);
        Assert.Equal(4, module.Imports.Count);
        Assert.Equal("env.f: func (i32, f64) -> (i64)", module.Imports[0].ToString());
        Assert.Equal(new MemoryType(new Limits(1, 2), false, false), module.Imports[1].MemoryType);
        Assert.Equal(new GlobalType(ValType.F32, true), module.Imports[2].GlobalType);
        Assert.Equal(ValType.ExternRef, module.Imports[3].TableType!.Value.Element);
        Assert.Equal(["run", "c"], module.Exports.Select(e => e.Name));
        Assert.Equal(ExternKind.Global, module.Exports[1].Kind);
        Assert.Empty(module.Exports[0].FunctionType!.Params);
    }
}
