namespace WasmJit.PublicApi.Tests.Sandbox;

/// <summary>
/// Fuel: one unit per executed wasm instruction, charged per straight-line segment (cut after every control
/// instruction; code after block/try/call is charged with the segment before it). Expected amounts below are
/// counted by hand from that definition.
/// </summary>
public sealed class FuelTests
{
    private const string Counting = """
        (module
          (func (export "add1") (param i32) (result i32)
            local.get 0
            i32.const 1
            i32.add)
          (func (export "count") (param $n i32)
            (loop $l
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br_if $l (local.get $n))))
          (func (export "spin") (loop $l (br $l))))
        """;

    /// <summary>Exercises every kind of charge point: calls, if/else, br_table, nested blocks, loops, a tail of returns.</summary>
    private const string Mixed = """
        (module
          (memory (export "memory") 1)
          (table 2 funcref)
          (elem (i32.const 0) $sq $tri)
          (type $un (func (param i32) (result i32)))
          (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
          (func $tri (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (local.get 0) (call $tri (i32.sub (local.get 0) (i32.const 1)))))))
          (func $pick (param i32) (result i32)
            (block $c (block $b (block $a
              (br_table $a $b $c (i32.rem_u (local.get 0) (i32.const 3))))
              (return (i32.const 10)))
              (return (i32.const 20)))
            (i32.const 30))
          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc i32)
            (block $done
              (loop $l
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $acc (i32.add (local.get $acc)
                  (call_indirect (type $un) (local.get $i) (i32.and (local.get $i) (i32.const 1)))))
                (local.set $acc (i32.add (local.get $acc) (call $pick (local.get $i))))
                (i32.store (i32.const 0) (local.get $acc))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l)))
            (i32.load (i32.const 0))))
        """;

    private static (Store Store, Instance Instance) Create(ExecutionStrategy strategy, string wat, long fuel)
    {
        var engine = Engines.Create(strategy);
        var store = new Store(engine, StoreLimits.Default.WithFuel(fuel));
        return (store, new Linker(engine).Instantiate(store, Module.FromText(engine, wat)));
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void StraightLineCodeCostsItsInstructionCount(ExecutionStrategy strategy)
    {
        var (store, instance) = Create(strategy, Counting, 1_000);
        using (store)
        {
            var add1 = instance.GetFunction<int, int>("add1");
            Assert.Equal(6, add1(5));
            // local.get, i32.const, i32.add, end: 4 (the interpreter fuses them into one instruction; fuel does not care).
            Assert.Equal(1_000 - 4, store.Fuel);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void LoopBodiesAreChargedEveryIteration(ExecutionStrategy strategy)
    {
        var (store, instance) = Create(strategy, Counting, 100_000_000);
        using (store)
        {
            var count = instance.GetAction<int>("count");
            count(100);
            // [loop] 1, then per iteration [local.get i32.const i32.sub local.set local.get br_if] 6,
            // then [end] 1 and [end] 1.
            Assert.Equal(100_000_000 - (1 + 6 * 100 + 1 + 1), store.Fuel);
            // Long enough for the tiered engine to move the running loop into compiled code (loop entry) mid-call.
            store.SetFuel(100_000_000);
            count(5_000_000);
            Assert.Equal(100_000_000 - (1 + 6 * 5_000_000 + 1 + 1), store.Fuel);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void RunningOutStopsAnInfiniteLoopAndRefuelingResumes(ExecutionStrategy strategy)
    {
        var (store, instance) = Create(strategy, Counting, 10_001);
        using (store)
        {
            var e = Assert.Throws<WasmFuelExhaustedException>(() => instance.GetFunction("spin")!.Invoke());
            Assert.Equal(TrapKind.OutOfFuel, e.Kind);
            Assert.Contains("fuel", e.Message);
            Assert.NotEmpty(e.WasmBacktrace);
            // [loop] 1, then [br] 1 per iteration: 10,000 iterations fit, the last unit is not enough for nothing else.
            Assert.Equal(0, store.Fuel);
            Assert.Equal(0, e.Remaining);
            Assert.Equal(1, e.Needed);

            Assert.Throws<WasmFuelExhaustedException>(() => instance.GetFunction<int, int>("add1")(1));
            store.AddFuel(4);
            Assert.Equal(8, instance.GetFunction<int, int>("add1")(7));
            Assert.Equal(0, store.Fuel);
        }
    }

    [Fact]
    public void ASegmentThatDoesNotFitIsNotEntered()
    {
        var (store, instance) = Create(ExecutionStrategy.Interpreter, Counting, 3);
        using (store)
        {
            var e = Assert.Throws<WasmFuelExhaustedException>(() => instance.GetFunction<int, int>("add1")(1));
            Assert.Equal(3, e.Remaining);
            Assert.Equal(4, e.Needed);
            Assert.Equal(3, store.Fuel);
        }
    }

    [Fact]
    public void StoresWithoutFuelRefuseFuelCalls()
    {
        using var store = new Store(new Engine());
        Assert.Throws<InvalidOperationException>(() => store.Fuel);
        Assert.Throws<InvalidOperationException>(() => store.AddFuel(1));
    }

    [Fact]
    public void EveryEngineUsesExactlyTheSameFuel()
    {
        var used = new List<(ExecutionStrategy, long, int)>();
        foreach (var strategy in Engines.All)
        {
            const long budget = 10_000_000;
            var (store, instance) = Create(strategy, Mixed, budget);
            using (store)
            {
                var run = instance.GetFunction<int, int>("run");
                int result = 0;
                for (int i = 0; i < 20; i++)
                {
                    result = run(50);
                }
                used.Add((strategy, budget - store.Fuel, result));
            }
        }
        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(u.Item2 > 20 * 50 * 20, $"{u.Item1} used only {u.Item2}"));
        Assert.All(used, u => Assert.Equal(used[0].Item2, u.Item2));
        Assert.All(used, u => Assert.Equal(used[0].Item3, u.Item3));
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void ExhaustionPointIsTheSameInEveryEngine(ExecutionStrategy strategy)
    {
        // With a budget that runs out mid-program, the memory the program wrote so far and the fuel left are
        // deterministic: compare them with the interpreter's.
        static (long Fuel, int Stored) RunOut(ExecutionStrategy s)
        {
            var (store, instance) = Create(s, Mixed, 12_345);
            using (store)
            {
                Assert.Throws<WasmFuelExhaustedException>(() => instance.GetFunction<int, int>("run")(1_000));
                return (store.Fuel, instance.GetMemory("memory") is { } m ? m.Read<int>(0) : 0);
            }
        }
        Assert.Equal(RunOut(ExecutionStrategy.Interpreter), RunOut(strategy));
    }
}
