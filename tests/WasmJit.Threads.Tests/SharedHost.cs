using System.Diagnostics;
using WasmJit.Runtime;
using WasmJit.Text;

namespace WasmJit.Threads.Tests;

// The runtime's store, not the public API's WasmJit.Store.
using Store = WasmJit.Runtime.Store;

/// <summary>
/// Test host for shared-memory modules: compiles WAT with our own parser, creates one shared memory and gives each
/// thread its own instance of the module over it (the wasi-threads shape, and the store rule in Store.cs), either
/// in one store or in a store per thread.
/// </summary>
internal sealed class SharedHost : IDisposable
{
    private readonly Store _owner;
    private readonly List<Store> _stores = [];

    public SharedHost(string wat, MemoryType memory, string engine = "interp", CancellationToken cancellation = default)
        : this(ModuleLoader.DecodeAndValidate(WatParser.ParseModule(wat), WasmFeatures.Default), memory, engine, cancellation)
    {
    }

    public SharedHost(WasmModule module, MemoryType memory, string engine = "interp", CancellationToken cancellation = default)
    {
        Module = module;
        Engine = EngineOf(engine);
        Cancellation = cancellation;
        _owner = NewStore();
        Memory = _owner.CreateMemory(memory);
    }

    public WasmModule Module { get; }

    /// <summary>Engine names as the spec runner spells them (xunit theory data must be public types).</summary>
    public static EngineKind EngineOf(string name) => name switch
    {
        "interp" => EngineKind.Interpreter,
        "jit" => EngineKind.Jit,
        "tiered" => EngineKind.Tiered,
        _ => throw new ArgumentException($"unknown engine {name}", nameof(name)),
    };

    public EngineKind Engine { get; }

    public CancellationToken Cancellation { get; }

    public MemoryInstance Memory { get; }

    public Store NewStore()
    {
        var s = new Store(new StoreOptions { Engine = Engine, Cancellation = Cancellation });
        lock (_stores)
        {
            _stores.Add(s);
        }
        return s;
    }

    /// <summary>A new instance importing the shared memory as env.memory, in <paramref name="store"/> (default: the host's own store).</summary>
    public ModuleInstance Instantiate(Store? store = null) =>
        (store ?? _owner).Instantiate(Module, i => i.Module == "env" && i.Name == "memory" ? Memory : null);

    public static WasmValue[] Call(ModuleInstance inst, string name, params WasmValue[] args) =>
        ((FunctionInstance)inst.GetExport(name)!).Invoke(args);

    /// <summary>
    /// Runs <paramref name="body"/>(thread index) on <paramref name="threads"/> threads released together by a
    /// barrier; rethrows the first failure; returns the wall time from release to the last join.
    /// </summary>
    public static TimeSpan RunThreads(int threads, Action<int> body)
    {
        using var start = new Barrier(threads + 1);
        Exception? failure = null;
        var all = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            all[t] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    body(id);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            });
            all[t].Start();
        }
        start.SignalAndWait();
        var sw = Stopwatch.StartNew();
        foreach (var t in all)
        {
            t.Join();
        }
        sw.Stop();
        if (failure is not null)
        {
            throw new InvalidOperationException("a wasm thread failed", failure);
        }
        return sw.Elapsed;
    }

    public void Dispose()
    {
        lock (_stores)
        {
            foreach (var s in _stores)
            {
                s.Dispose();
            }
            _stores.Clear();
        }
    }
}
