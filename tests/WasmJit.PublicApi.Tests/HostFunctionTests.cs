namespace WasmJit.PublicApi.Tests;

/// <summary>Host functions (C# lambdas, typed), wasm called from the host (typed and untyped), multi-value, re-entrancy.</summary>
public sealed class HostFunctionTests
{
    private const string Calc = """
        (module
          (import "env" "add" (func $add (param i32 i32) (result i32)))
          (import "env" "scale" (func $scale (param i64 f64) (result f64)))
          (import "env" "log" (func $log (param i32)))
          (func (export "add_via_host") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
          (func (export "scale_via_host") (param i64 f64) (result f64) (call $scale (local.get 0) (local.get 1)))
          (func (export "log_twice") (param i32) (call $log (local.get 0)) (call $log (i32.add (local.get 0) (i32.const 1))))
          (func (export "mul") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
          (func (export "f32_neg") (param f32) (result f32) (f32.neg (local.get 0))))
        """;

    [Fact]
    public void WasmCallsTypedHostFunctions()
    {
        var engine = new Engine();
        var logged = new List<int>();
        var linker = new Linker(engine)
            .DefineFunction<int, int, int>("env", "add", (a, b) => a + b)
            .DefineFunction("env", "scale", (long n, double x) => n * x)
            .DefineFunction("env", "log", (int v) => logged.Add(v));
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, Calc));

        Assert.Equal(42, instance.GetFunction<int, int, int>("add_via_host")(40, 2));
        Assert.Equal(int.MinValue, instance.GetFunction<int, int, int>("add_via_host")(int.MaxValue, 1));
        Assert.Equal(7.5, instance.GetFunction<long, double, double>("scale_via_host")(3, 2.5));
        instance.GetAction<int>("log_twice")(10);
        Assert.Equal([10, 11], logged);
    }

    [Fact]
    public void TypedAndUntypedCallsAgree()
    {
        var engine = new Engine();
        var linker = new Linker(engine)
            .DefineFunction<int, int, int>("env", "add", (a, b) => a + b)
            .DefineFunction("env", "scale", (long n, double x) => n * x)
            .DefineFunction("env", "log", (int _) => { });
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, Calc));
        var mul = instance.GetFunction("mul")!;

        Assert.Equal(-54, instance.GetFunction<int, int, int>("mul")(6, -9));
        Assert.Equal(-54, mul.Invoke(6, -9));
        Assert.Equal(-1.5f, instance.GetFunction<float, float>("f32_neg")(1.5f));
        Assert.Equal(-1.5f, instance.GetFunction("f32_neg")!.Invoke(1.5f));
        Assert.Null(instance.GetFunction("log_twice")!.Invoke(1));
        Assert.Equal("[i32 i32] -> [i32]", mul.Type.ToString());
        // uint is an i32 too: the bits are the same.
        Assert.Equal(uint.MaxValue, instance.GetFunction<uint, uint, uint>("mul")(uint.MaxValue, 1));
    }

    [Fact]
    public void SignatureMismatchesAreClearErrors()
    {
        var engine = new Engine();
        var linker = new Linker(engine)
            .DefineFunction<int, int, int>("env", "add", (a, b) => a + b)
            .DefineFunction("env", "scale", (long n, double x) => n * x)
            .DefineFunction("env", "log", (int _) => { });
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, Calc));

        var wrongType = Assert.Throws<InvalidCastException>(() => instance.GetFunction<long, int, int>("mul"));
        Assert.Contains("(i32, i32) -> (i32)", wrongType.Message);
        Assert.Throws<InvalidCastException>(() => instance.GetAction<int, int>("mul"));
        var missing = Assert.Throws<KeyNotFoundException>(() => instance.GetFunction<int>("nope"));
        Assert.Contains("nope", missing.Message);
        Assert.Throws<ArgumentException>(() => instance.GetFunction("mul")!.Invoke(1));
        Assert.Throws<ArgumentException>(() => instance.GetFunction("mul")!.Invoke(1, 2.0));
        Assert.Throws<NotSupportedException>(() => new Linker(engine).DefineFunction("env", "bad", (string s) => 1));
    }

    [Fact]
    public void MultiValueBothWays()
    {
        const string wat = """
            (module
              (import "env" "divmod" (func $divmod (param i32 i32) (result i32 i32)))
              (import "env" "three" (func $three (result i64 f32 i32)))
              (func (export "sum_divmod") (param i32 i32) (result i32) (call $divmod (local.get 0) (local.get 1)) (i32.add))
              (func (export "three") (result i64 f32 i32) (call $three))
              (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0)))
            """;
        var engine = new Engine();
        var linker = new Linker(engine)
            .DefineFunction("env", "divmod", (int a, int b) => (a / b, a % b))
            .DefineFunction("env", "three", () => (1L << 40, 0.5f, -3));
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, wat));

        Assert.Equal(17 / 5 + 17 % 5, instance.GetFunction<int, int, int>("sum_divmod")(17, 5));
        Assert.Equal((1L << 40, 0.5f, -3), instance.GetFunction<(long, float, int)>("three")());
        Assert.Equal((99L, 7), instance.GetFunction<int, long, (long, int)>("swap")(7, 99));
        var untyped = Assert.IsType<object?[]>(instance.GetFunction("swap")!.Invoke(7, 99L));
        Assert.Equal([99L, 7], untyped);
    }

    [Fact]
    public void ReentrancyWasmHostWasmHost()
    {
        // count(n) = 1 + down(n - 1), and the host's down(n) calls count(n) again: 2n nested crossings.
        const string wat = """
            (module
              (import "env" "down" (func $down (param i32) (result i32)))
              (func $count (export "count") (param $n i32) (result i32)
                (if (result i32) (i32.eqz (local.get $n))
                  (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call $down (i32.sub (local.get $n) (i32.const 1))))))))
            """;
        var engine = new Engine();
        int depth = 0, maxDepth = 0;
        var linker = new Linker(engine).DefineFunction("env", "down", (Caller caller, int n) =>
        {
            depth++;
            maxDepth = Math.Max(maxDepth, depth);
            try
            {
                return caller.Instance.GetFunction<int, int>("count")(n) + 100;
            }
            finally
            {
                depth--;
            }
        });
        using var store = new Store(engine);
        var count = linker.Instantiate(store, Module.FromText(engine, wat)).GetFunction<int, int>("count");

        Assert.Equal(50 + (49 * 100) + 100, count(50));
        Assert.Equal(50, maxDepth);
        Assert.Equal(0, depth);
        Assert.Equal(0, count(0));
    }

    [Fact]
    public void UntypedHostFunction()
    {
        const string wat = """
            (module
              (import "env" "mix" (func $mix (param i32 i64 externref) (result i64 externref)))
              (func (export "go") (param externref) (result i64 externref) (call $mix (i32.const 2) (i64.const 40) (local.get 0))))
            """;
        var engine = new Engine();
        var linker = new Linker(engine).DefineFunction("env", "mix",
            new FuncType([ValType.I32, ValType.I64, ValType.ExternRef], [ValType.I64, ValType.ExternRef]),
            (caller, args) => [(int)args[0]! + (long)args[1]!, $"seen {args[2]}"]);
        using var store = new Store(engine);
        var go = linker.Instantiate(store, Module.FromText(engine, wat)).GetFunction<object, (long, object)>("go");
        Assert.Equal((42L, (object)"seen token"), go("token"));
    }
}
