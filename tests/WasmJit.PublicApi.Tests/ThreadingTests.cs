namespace WasmJit.PublicApi.Tests;

/// <summary>The threading rule: one thread per store at a time, enforced; separate stores run in parallel.</summary>
public sealed class ThreadingTests
{
    private const string Wat = """
        (module
          (import "env" "wait" (func $wait))
          (func (export "blocking") (call $wait))
          (func (export "sum") (param i32) (result i32) (local $s i32)
            (block $done (loop $l
              (br_if $done (i32.eqz (local.get 0)))
              (local.set $s (i32.add (local.get $s) (local.get 0)))
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (br $l)))
            (local.get $s)))
        """;

    [Fact]
    public async Task SecondThreadEnteringABusyStoreGetsAClearError()
    {
        var engine = new Engine();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var linker = new Linker(engine).DefineFunction("env", "wait", () =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        });
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, Wat));
        var sum = instance.GetFunction<int, int>("sum");

        var blocked = Task.Run(() => instance.GetAction("blocking")());
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        var e = Assert.Throws<InvalidOperationException>(() => sum(3));
        Assert.Contains("one thread at a time", e.Message);
        Assert.Throws<InvalidOperationException>(() => instance.GetFunction("sum")!.Invoke(3));
        release.Set();
        await blocked.WaitAsync(TimeSpan.FromSeconds(30));

        // Released: any thread may use the store again.
        Assert.Equal(6, await Task.Run(() => sum(3)));
        Assert.Equal(10, sum(4));
    }

    [Fact]
    public void StoresRunInParallel()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Wat);
        var linker = new Linker(engine).DefineFunction("env", "wait", () => { });
        var results = new long[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            using var store = new Store(engine);
            var sum = linker.Instantiate(store, module).GetFunction<int, int>("sum");
            long total = 0;
            for (int i = 0; i < 2_000; i++)
            {
                total += sum(i % 100);
            }
            results[t] = total;
        });
        long expected = Enumerable.Range(0, 2_000).Sum(i => (long)(i % 100) * ((i % 100) + 1) / 2);
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
