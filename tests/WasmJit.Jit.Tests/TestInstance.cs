namespace WasmJit.Jit.Tests;

/// <summary>Compiles a <see cref="TestModule"/> with the JIT and wires a <see cref="JitContext"/> around it.</summary>
internal sealed class TestInstance : IDisposable
{
    public TestInstance(TestModule tm, params Delegate[] hosts)
    {
        Module = tm.Build();
        Compiled = JitCompiler.Compile(Module, WasmFeatures.All);
        var failed = Compiled.Results.Where(r => !r.Compiled).Select(r => $"{r.Name}: {r.Failure}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        Ctx = new JitContext { Module = Module };
        var memories = Module.Memories.Select(m => new JitMemory(m, 64UL << 20)).ToArray();
        Ctx.Memories = memories;
        Ctx.Memory0 = memories.FirstOrDefault();
        Ctx.Globals = Module.Globals.Select(g => new JitGlobal(g.Type)).ToArray();
        Ctx.Tables = Module.Tables.Select(t => new JitTable(t.Type, new object?[t.Type.Limits.Min])).ToArray();
        var functions = new JitFunction[Module.FunctionTypeIndices.Count];
        for (int f = 0; f < functions.Length; f++)
        {
            var type = Module.FuncTypeOf(f);
            string name = JitCompiler.FrameName(Module, f);
            functions[f] = f < Module.ImportedFunctionCount
                ? JitHostStub.Create(type, hosts[f], name)
                : new JitFunction(type, TypeRegistry.IdOf(type), Ctx, Compiled.Entries[f], name) { Keepalive = Compiled };
        }
        Ctx.Functions = functions;
    }

    public WasmModule Module { get; }
    public JitCompiledModule Compiled { get; }
    public JitContext Ctx { get; }

    public JitValue[] Call(int f, params JitValue[] args) => JitInvoker.Call(Ctx.Functions[f], args);

    public int I32(int f, params int[] args) => Call(f, args.Select(JitValue.I32).ToArray())[0].AsI32;

    public void SetTable(int table, int index, int function) => Ctx.Tables[table].Elements[index] = Ctx.Functions[function];

    public void Dispose()
    {
        foreach (var m in Ctx.Memories)
        {
            m.Dispose();
        }
    }
}
