namespace WasmJit.PublicApi.Tests.Sandbox;

/// <summary>Memory, table and instance limits; disposing instances gives their memory back.</summary>
public sealed class ResourceLimitTests
{
    private const int Page = Memory.PageSize;

    private const string Grower = """
        (module
          (memory (export "memory") 1)
          (table (export "table") 1 funcref)
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "grow_table") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
          (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
        """;

    private static Instance Instantiate(Store store, string wat = Grower) =>
        new Linker(store.Engine).Instantiate(store, Module.FromText(store.Engine, wat));

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void InstanceMemoryLimitMakesGrowReturnMinusOne(ExecutionStrategy strategy)
    {
        using var store = new Store(Engines.Create(strategy), StoreLimits.Default.WithMaxInstanceMemoryBytes(3 * Page));
        var grow = Instantiate(store).GetFunction<int, int>("grow");
        Assert.Equal(1, grow(2));
        Assert.Equal(-1, grow(1));
        Assert.Equal(3, grow(0));
        Assert.Equal(3L * Page, store.MemoryBytes);
    }

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void GrowthPastTheLimitCanTrap(ExecutionStrategy strategy)
    {
        using var store = new Store(Engines.Create(strategy),
            StoreLimits.Default.WithMaxInstanceMemoryBytes(2 * Page).WithMaxTableElements(5).WithTrapOnGrowFailure());
        var instance = Instantiate(store);
        var e = Assert.Throws<WasmResourceLimitException>(() => instance.GetFunction<int, int>("grow")(5));
        Assert.Equal("memory", e.Resource);
        Assert.Equal(TrapKind.ResourceLimitExceeded, e.Kind);
        Assert.Contains("(func 0)", Assert.Single(e.WasmBacktrace));
        var t = Assert.Throws<WasmResourceLimitException>(() => instance.GetFunction<int, int>("grow_table")(10));
        Assert.Equal("table", t.Resource);
        Assert.Equal(1, instance.GetFunction<int, int>("grow_table")(4));
        Assert.Equal(1, instance.GetFunction<int, int>("grow")(1));
    }

    [Fact]
    public void InstantiationOverTheLimitFails()
    {
        using var store = new Store(new Engine(), StoreLimits.Default.WithMaxInstanceMemoryBytes(Page / 2));
        var e = Assert.Throws<WasmResourceLimitException>(() => Instantiate(store));
        Assert.Equal("memory", e.Resource);
        Assert.Equal(0, store.InstanceCount);
        Assert.Equal(0, store.MemoryBytes);
    }

    [Fact]
    public void StoreMemoryLimitCountsEveryInstance()
    {
        using var store = new Store(new Engine(), StoreLimits.Default.WithMaxStoreMemoryBytes(3 * Page));
        var a = Instantiate(store);
        var b = Instantiate(store);
        Assert.Equal(2, store.InstanceCount);
        Assert.Equal(2 * Page, store.MemoryBytes);
        Assert.Equal(1, a.GetFunction<int, int>("grow")(1));
        Assert.Equal(-1, b.GetFunction<int, int>("grow")(1));
        Assert.Throws<WasmResourceLimitException>(() => Instantiate(store));
        a.Dispose();
        Assert.Equal(Page, store.MemoryBytes);
        Assert.Equal(1, b.GetFunction<int, int>("grow")(1));
    }

    [Fact]
    public void InstanceCountIsLimitedAndDisposeFreesASlot()
    {
        using var store = new Store(new Engine(), StoreLimits.Default.WithMaxInstances(2));
        var a = Instantiate(store);
        var b = Instantiate(store);
        var e = Assert.Throws<WasmResourceLimitException>(() => Instantiate(store));
        Assert.Equal("instances", e.Resource);
        a.Dispose();
        Assert.True(a.IsDisposed);
        var c = Instantiate(store);
        Assert.Equal(2, store.InstanceCount);
        b.GetAction<int, int>("store")(0, 5);
        Assert.Equal(5, b.GetFunction<int, int>("load")(0));
        Assert.Equal(0, c.GetFunction<int, int>("load")(0));
    }

    [Fact]
    public void DisposedInstanceTrapsInsteadOfTouchingFreedMemory()
    {
        using var store = new Store(new Engine());
        var a = Instantiate(store);
        var load = a.GetFunction<int, int>("load");
        var memory = a.GetMemory("memory")!;
        a.Dispose();
        Assert.Equal(0, memory.Length);
        var e = Assert.Throws<WasmTrapException>(() => load(0));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
        Assert.Equal(-1, memory.Grow(1));
    }

    [Fact]
    public void MemoryImportedByAnotherInstanceLivesUntilTheLastOneIsDisposed()
    {
        using var store = new Store(new Engine());
        var owner = Instantiate(store);
        var linker = new Linker(store.Engine).DefineInstance("owner", owner);
        var user = linker.Instantiate(store, Module.FromText(store.Engine, """
            (module
              (import "owner" "memory" (memory 1))
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
            """));
        owner.GetAction<int, int>("store")(8, 77);
        owner.Dispose();
        Assert.Equal(77, user.GetFunction<int, int>("load")(8));
        Assert.Equal(Page, store.MemoryBytes);
        user.Dispose();
        Assert.Equal(0, store.MemoryBytes);
    }

    [Fact]
    public void DisposingFromInsideAHostCallIsRefused()
    {
        using var store = new Store(new Engine());
        Instance? self = null;
        var linker = new Linker(store.Engine).DefineFunction("env", "dispose", () => self!.Dispose());
        self = linker.Instantiate(store, Module.FromText(store.Engine, """
            (module (import "env" "dispose" (func $d)) (memory 1) (func (export "run") (call $d)))
            """));
        var e = Assert.Throws<WasmTrapException>(() => self.GetAction("run")());
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.False(self.IsDisposed);
    }
}

/// <summary>Address-space checks read the whole process: they must not run beside other tests.</summary>
[CollectionDefinition(nameof(ProcessMemory), DisableParallelization = true)]
public sealed class ProcessMemory;

[Collection(nameof(ProcessMemory))]
public sealed class DisposeUnmapsTests
{
    [Fact]
    public void DisposeReallyUnmapsTheReservation()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        using var store = new Store(new Engine());
        // A 32-bit memory without maximum reserves 4 GiB of address space; grow and touch 16 MiB of it.
        var instance = new Linker(store.Engine).Instantiate(store, Module.FromText(store.Engine, """
            (module (memory (export "memory") 256)
              (func (export "touch") (local $i i32)
                (loop $l
                  (i32.store (local.get $i) (local.get $i))
                  (local.set $i (i32.add (local.get $i) (i32.const 4096)))
                  (br_if $l (i32.lt_u (local.get $i) (i32.const 16777216))))))
            """));
        instance.GetAction("touch")();
        long before = VirtualSize();
        instance.Dispose();
        long after = VirtualSize();
        Assert.True(before - after >= 4L << 30, $"virtual size went from {before} to {after}");
    }

    private static long VirtualSize()
    {
        // /proc/self/statm: size in pages first.
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }
}
