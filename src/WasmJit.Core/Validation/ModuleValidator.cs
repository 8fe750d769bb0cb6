using System.Runtime.ExceptionServices;
using WasmJit.Binary;

namespace WasmJit.Validation;

/// <summary>
/// Module validation: https://webassembly.github.io/spec/core/valid/modules.html. Checks the sections in the
/// order of the spec's module rule (types, imports, functions, tables, memories, globals, tags, exports, start,
/// element and data segments) and then every function body with <see cref="FuncValidator"/>. On success the
/// module's <see cref="WasmModule.Context"/> is set; on failure a <see cref="WasmInvalidException"/> (or, for
/// the binary rules only checkable while reading code, a <see cref="WasmMalformedException"/>) is thrown.
/// </summary>
internal sealed partial class ModuleValidator
{
    /// <summary>Bodies are validated in parallel only when there is enough code to pay for the threads.</summary>
    private const int ParallelCodeBytes = 256 * 1024;

    private readonly WasmModule _m;
    private readonly WasmFeatures _features;
    private readonly ModuleTypes _types;
    private readonly ModuleContext _ctx;
    private readonly FuncValidator _fv;
    private readonly InstructionBuffers _buffers = new();

    private ModuleValidator(WasmModule module, WasmFeatures features)
    {
        _m = module;
        _features = features;
        _types = new ModuleTypes(module.Types);
        _ctx = new ModuleContext(module, features, _types);
        _fv = new FuncValidator(_ctx);
    }

    /// <summary>
    /// Validates <paramref name="module"/> and records its context in <see cref="WasmModule.Context"/>. With
    /// <paramref name="lazyBodies"/>, function bodies are left to <see cref="ModuleContext.EnsureBodyValid"/>
    /// (engines call it before they first use a body): everything else is still checked here.
    /// </summary>
    public static ModuleContext Validate(WasmModule module, WasmFeatures features, bool lazyBodies = false)
    {
        var v = new ModuleValidator(module, features);
        v.ValidateTypes();
        v.ValidateImportsAndDefinitions();
        v.ValidateExportsAndStart();
        v.ValidateSegments();
        if (lazyBodies)
        {
            v._ctx.DeferBodies();
        }
        else
        {
            ValidateBodies(v._ctx, null, v._fv, v._buffers);
        }
        module.Context = v._ctx;
        return v._ctx;
    }

    private bool Has(WasmFeatures f) => (_features & f) == f;

    private void ValidateImportsAndDefinitions()
    {
        var m = _m;
        for (int i = 0; i < m.FunctionTypeIndices.Count; i++)
        {
            int t = m.FunctionTypeIndices[i];
            if ((uint)t >= (uint)_types.Count || _types[t].Kind != CompositeKind.Func)
            {
                Throw.Invalid($"unknown type {t}", -1);
            }
        }
        if (m.Tables.Count > 1 && !Has(WasmFeatures.ReferenceTypes))
        {
            Throw.Invalid("multiple tables", -1);
        }
        for (int i = 0; i < m.Tables.Count; i++)
        {
            var def = m.Tables[i];
            CheckTableType(def.Type);
            if (def.Init is ConstExpr init)
            {
                // Tables precede globals: their initialisers see only the imported globals.
                _fv.ValidateConstExpr(init, def.Type.Element, m.ImportedGlobalCount, _buffers);
            }
            else if (!def.Type.Element.Nullable && i >= m.ImportedTableCount)
            {
                Throw.Invalid($"type mismatch: table {i} of non-nullable {def.Type.Element} needs an initialiser", -1);
            }
        }
        if (m.Memories.Count > 1 && !Has(WasmFeatures.MultiMemory))
        {
            Throw.Invalid("multiple memories", -1);
        }
        foreach (var mem in m.Memories)
        {
            CheckMemoryType(mem);
        }
        for (int i = 0; i < m.Globals.Count; i++)
        {
            var g = m.Globals[i];
            CheckValType(g.Type.Type);
            if (g.Init is ConstExpr init)
            {
                _fv.ValidateConstExpr(init, g.Type.Type, GlobalLimit(i), _buffers);
            }
        }
        foreach (int t in m.Tags)
        {
            if ((uint)t >= (uint)_types.Count || _types[t].Kind != CompositeKind.Func)
            {
                Throw.Invalid($"unknown type {t}", -1);
            }
            if (_types[t].Func!.Results.Length != 0)
            {
                Throw.Invalid("non-empty tag result type", -1);
            }
        }
    }

    /// <summary>How many globals a constant expression may read: in Wasm 3.0 all preceding ones, before that
    /// only imported ones.</summary>
    private int GlobalLimit(int preceding) => Has(WasmFeatures.Gc) ? preceding : Math.Min(preceding, _m.ImportedGlobalCount);

    private void CheckTableType(TableType t)
    {
        CheckValType(t.Element);
        if (t.Element.Kind != ValKind.Ref)
        {
            Throw.Invalid("malformed table element type", -1);
        }
        ulong bound = t.Is64 ? ulong.MaxValue : uint.MaxValue;
        if (t.Limits.Min > bound || t.Limits.Max > bound)
        {
            Throw.Invalid("table size must be at most 2^32-1", -1);
        }
        CheckMinMax(t.Limits);
    }

    private static void CheckMemoryType(MemoryType mem)
    {
        int indexBits = mem.Is64 ? 64 : 32;
        ulong bound = 1UL << (indexBits - mem.PageSizeLog2);
        if (mem.Limits.Min > bound || mem.Limits.Max > bound)
        {
            Throw.Invalid(mem.Is64 ? "memory size must be at most 2^48 pages" : "memory size must be at most 65536 pages (4GiB)", -1);
        }
        CheckMinMax(mem.Limits);
        if (mem.Shared && mem.Limits.Max is null)
        {
            Throw.Invalid("shared memory must have maximum", -1);
        }
    }

    private static void CheckMinMax(Limits l)
    {
        if (l.Max is ulong max && l.Min > max)
        {
            Throw.Invalid("size minimum must not be greater than maximum", -1);
        }
    }

    private void CheckValType(ValType t)
    {
        if (t.Kind == ValKind.Ref && t.Heap.IsConcrete && t.Heap.TypeIndex >= _types.Count)
        {
            Throw.Invalid($"unknown type {t.Heap.TypeIndex}", -1);
        }
    }

    private void ValidateExportsAndStart()
    {
        var m = _m;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in m.Exports)
        {
            if (!names.Add(e.Name))
            {
                Throw.Invalid("duplicate export name", -1);
            }
            (int count, string what) = e.Kind switch
            {
                ExternKind.Func => (m.FunctionTypeIndices.Count, "function"),
                ExternKind.Table => (m.Tables.Count, "table"),
                ExternKind.Memory => (m.Memories.Count, "memory"),
                ExternKind.Global => (m.Globals.Count, "global"),
                _ => (m.Tags.Count, "tag"),
            };
            if ((uint)e.Index >= (uint)count)
            {
                Throw.Invalid($"unknown {what} {e.Index}", -1);
            }
            if (e.Kind == ExternKind.Func)
            {
                _ctx.Declare(e.Index);
            }
        }
        if (m.StartFunction is int start)
        {
            if ((uint)start >= (uint)m.FunctionTypeIndices.Count)
            {
                Throw.Invalid($"unknown function {start}", -1);
            }
            var ft = _ctx.FunctionType(start);
            if (ft.Params.Length != 0 || ft.Results.Length != 0)
            {
                Throw.Invalid("start function must have type [] -> []", -1);
            }
        }
    }

    private void ValidateSegments()
    {
        var m = _m;
        int globalLimit = GlobalLimit(m.Globals.Count);
        foreach (var seg in m.Elements)
        {
            CheckValType(seg.ElementType);
            if (seg.FunctionIndices is int[] funcs)
            {
                foreach (int f in funcs)
                {
                    if ((uint)f >= (uint)m.FunctionTypeIndices.Count)
                    {
                        Throw.Invalid($"unknown function {f}", -1);
                    }
                    _ctx.Declare(f);
                    if (!_types.IsSubtype(ValType.Ref(HeapType.Index(m.FunctionTypeIndices[f]), false), seg.ElementType))
                    {
                        Throw.Invalid($"type mismatch: function {f} does not match element type {seg.ElementType}", -1);
                    }
                }
            }
            else
            {
                foreach (var e in seg.Expressions!)
                {
                    _fv.ValidateConstExpr(e, seg.ElementType, globalLimit, _buffers);
                }
            }
            if (seg.Mode == SegmentMode.Active)
            {
                if ((uint)seg.TableIndex >= (uint)m.Tables.Count)
                {
                    Throw.Invalid($"unknown table {seg.TableIndex}", seg.Offset.Offset);
                }
                var table = m.Tables[seg.TableIndex].Type;
                _fv.ValidateConstExpr(seg.Offset, table.IndexType, globalLimit, _buffers);
                if (!_types.IsSubtype(seg.ElementType, table.Element))
                {
                    Throw.Invalid($"type mismatch: element segment of {seg.ElementType} for a table of {table.Element}", seg.Offset.Offset);
                }
            }
        }
        foreach (var seg in m.Data)
        {
            if (seg.Mode == SegmentMode.Active)
            {
                if ((uint)seg.MemoryIndex >= (uint)m.Memories.Count)
                {
                    Throw.Invalid($"unknown memory {seg.MemoryIndex}", seg.Offset.Offset);
                }
                _fv.ValidateConstExpr(seg.Offset, m.Memories[seg.MemoryIndex].IndexType, globalLimit, _buffers);
            }
        }
    }

    /// <summary>
    /// Validates the bodies of <paramref name="ctx"/>'s module, skipping those marked done in <paramref name="done"/>
    /// (lazy validation; null: all) and marking the others.
    /// </summary>
    internal static void ValidateBodies(ModuleContext ctx, byte[]? done, FuncValidator? fv = null, InstructionBuffers? buffers = null)
    {
        var m = ctx.Module;
        int n = m.Bodies.Count;
        long codeBytes = 0;
        for (int i = 0; i < n; i++)
        {
            if (done is null || done[i] == 0)
            {
                codeBytes += m.Bodies[i].Length;
            }
        }
        if (n < 2 || codeBytes < ParallelCodeBytes || Environment.ProcessorCount < 2)
        {
            fv ??= new FuncValidator(ctx);
            buffers ??= new InstructionBuffers();
            for (int i = 0; i < n; i++)
            {
                if (done is null || Volatile.Read(ref done[i]) == 0)
                {
                    fv.ValidateFunction(m.ImportedFunctionCount + i, buffers);
                    if (done is not null)
                    {
                        Volatile.Write(ref done[i], 1);
                    }
                }
            }
            return;
        }

        // Big module: one validator per worker. Report the error of the lowest failing function, as the
        // sequential loop would, so the message does not depend on scheduling.
        int firstFailed = int.MaxValue;
        Exception? firstError = null;
        var gate = new object();
        Parallel.For(
            0,
            n,
            () => (new FuncValidator(ctx), new InstructionBuffers()),
            (i, state, local) =>
            {
                if (i > Volatile.Read(ref firstFailed) || (done is not null && Volatile.Read(ref done[i]) != 0))
                {
                    return local;
                }
                try
                {
                    local.Item1.ValidateFunction(m.ImportedFunctionCount + i, local.Item2);
                    if (done is not null)
                    {
                        Volatile.Write(ref done[i], 1);
                    }
                }
                catch (WasmException e)
                {
                    lock (gate)
                    {
                        if (i < firstFailed)
                        {
                            firstFailed = i;
                            firstError = e;
                        }
                    }
                }
                return local;
            },
            _ => { });
        if (firstError is not null)
        {
            ExceptionDispatchInfo.Throw(firstError);
        }
    }
}
