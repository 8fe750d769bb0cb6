namespace WasmJit.Runtime;

internal sealed partial class Store
{
    /// <summary>
    /// Instantiates a validated module (https://webassembly.github.io/spec/core/exec/modules.html#instantiation):
    /// resolves and checks imports, allocates functions, globals, tables, memories and tags, evaluates element
    /// segments, runs active element and data segments in order, then the start function.
    /// </summary>
    /// <exception cref="WasmLinkException">"unknown import" or "incompatible import type".</exception>
    /// <exception cref="WasmTrapException">An active segment is out of bounds, or the start function traps.</exception>
    public ModuleInstance Instantiate(WasmModule validatedModule, Func<Import, ExternValue?> resolveImport, string? name = null) =>
        Instantiate(validatedModule, (_, import) => resolveImport(import), name);

    /// <summary>
    /// As above; the resolver also gets the instance being created (before any of its code runs), so a host can bind
    /// its functions to the importing instance.
    /// </summary>
    public ModuleInstance Instantiate(WasmModule validatedModule, Func<ModuleInstance, Import, ExternValue?> resolveImport, string? name = null)
    {
        var module = validatedModule;
        AddInstance();
        var inst = new ModuleInstance(this, module, name);
        inst.Scope = new ResourceScope($"instance of {inst}", Options.MaxInstanceMemoryBytes, Scope);
        try
        {
            return InstantiateCore(inst, resolveImport);
        }
        catch
        {
            // A failed instantiation holds nothing: its memories go (unless an import keeps them), the count drops.
            DisposeInstance(inst);
            throw;
        }
    }

    private ModuleInstance InstantiateCore(ModuleInstance inst, Func<ModuleInstance, Import, ExternValue?> resolveImport)
    {
        var module = inst.Module;
        ResolveImports(inst, import => resolveImport(inst, import));
        for (int i = 0; i < module.ImportedMemoryCount; i++)
        {
            inst.Memories[i].AddHolder();
        }
        inst.HoldsImportedMemories = true;

        for (int i = module.ImportedFunctionCount; i < inst.Functions.Length; i++)
        {
            var f = new WasmFunction(inst, i, inst.Types[module.FunctionTypeIndices[i]]);
            f.Code = Engine.CreateInitialCode(f);
            inst.Functions[i] = f;
        }
        for (int i = module.ImportedGlobalCount; i < inst.Globals.Length; i++)
        {
            var def = module.Globals[i];
            var type = def.Type with { Type = inst.Canonical(def.Type.Type) };
            inst.Globals[i] = new GlobalInstance(type, ConstExprEvaluator.Evaluate(inst, def.Init!.Value, Features));
        }
        for (int i = module.ImportedTableCount; i < inst.Tables.Length; i++)
        {
            var def = module.Tables[i];
            var type = def.Type with { Element = inst.Canonical(def.Type.Element) };
            object? init = def.Init is ConstExpr e ? ConstExprEvaluator.Evaluate(inst, e, Features).Ref : null;
            inst.Tables[i] = CreateTable(type, init);
        }
        for (int i = module.ImportedMemoryCount; i < inst.Memories.Length; i++)
        {
            inst.Memories[i] = CreateMemory(module.Memories[i], inst.Scope!);
        }
        for (int i = module.ImportedTagCount; i < inst.Tags.Length; i++)
        {
            inst.Tags[i] = new TagInstance(inst.Types[module.Tags[i]]);
        }
        foreach (var export in module.Exports)
        {
            ExternValue value = export.Kind switch
            {
                ExternKind.Func => inst.Functions[export.Index],
                ExternKind.Table => inst.Tables[export.Index],
                ExternKind.Memory => inst.Memories[export.Index],
                ExternKind.Global => inst.Globals[export.Index],
                _ => inst.Tags[export.Index],
            };
            inst.AddExport(export.Name, value);
        }
        for (int i = 0; i < module.Elements.Count; i++)
        {
            inst.ElementSegments[i] = EvaluateElements(inst, module.Elements[i]);
        }
        for (int i = 0; i < module.Data.Count; i++)
        {
            var d = module.Data[i];
            inst.DataSegments[i] = module.Bytes.Slice(d.DataOffset, d.DataLength);
        }

        for (int i = 0; i < module.Elements.Count; i++)
        {
            var seg = module.Elements[i];
            if (seg.Mode == SegmentMode.Active)
            {
                var values = inst.ElementSegments[i];
                ulong offset = AddressOf(ConstExprEvaluator.Evaluate(inst, seg.Offset, Features));
                inst.Tables[seg.TableIndex].Init(offset, values, 0, (ulong)values.Length);
            }
            if (seg.Mode != SegmentMode.Passive)
            {
                inst.ElementSegments[i] = [];
            }
        }
        for (int i = 0; i < module.Data.Count; i++)
        {
            var seg = module.Data[i];
            if (seg.Mode != SegmentMode.Active)
            {
                continue;
            }
            ulong offset = AddressOf(ConstExprEvaluator.Evaluate(inst, seg.Offset, Features));
            inst.Memories[seg.MemoryIndex].Write(offset, inst.DataSegments[i].Span);
            inst.DataSegments[i] = ReadOnlyMemory<byte>.Empty;
        }

        if (module.StartFunction is int start)
        {
            inst.Functions[start].Invoke([]);
        }
        return inst;
    }

    private static ulong AddressOf(in WasmValue v) => v.Type.Kind == ValKind.I64 ? (ulong)v.I64 : (uint)v.I32;

    private object?[] EvaluateElements(ModuleInstance inst, ElementSegment seg)
    {
        var values = new object?[seg.Count];
        if (seg.FunctionIndices is int[] indices)
        {
            for (int k = 0; k < indices.Length; k++)
            {
                values[k] = inst.Functions[indices[k]];
            }
        }
        else
        {
            var exprs = seg.Expressions!;
            for (int k = 0; k < exprs.Length; k++)
            {
                values[k] = ConstExprEvaluator.Evaluate(inst, exprs[k], Features).Ref;
            }
        }
        return values;
    }

    private static void ResolveImports(ModuleInstance inst, Func<Import, ExternValue?> resolveImport)
    {
        var module = inst.Module;
        int funcs = 0, tables = 0, mems = 0, globals = 0, tags = 0;
        foreach (var imp in module.Imports)
        {
            var ext = resolveImport(imp) ?? throw new WasmLinkException($"unknown import \"{imp.Module}\" \"{imp.Name}\"");
            if (!Matches(inst, imp, ext))
            {
                throw new WasmLinkException($"incompatible import type for \"{imp.Module}\" \"{imp.Name}\"");
            }
            switch (imp.Kind)
            {
                case ExternKind.Func:
                    inst.Functions[funcs++] = (FunctionInstance)ext;
                    break;
                case ExternKind.Table:
                    inst.Tables[tables++] = (TableInstance)ext;
                    break;
                case ExternKind.Memory:
                    inst.Memories[mems++] = (MemoryInstance)ext;
                    break;
                case ExternKind.Global:
                    inst.Globals[globals++] = (GlobalInstance)ext;
                    break;
                default:
                    inst.Tags[tags++] = (TagInstance)ext;
                    break;
            }
        }
    }

    /// <summary>Import matching (https://webassembly.github.io/spec/core/valid/matching.html#external-types).</summary>
    private static bool Matches(ModuleInstance inst, Import imp, ExternValue ext)
    {
        switch (imp.Kind)
        {
            case ExternKind.Func:
                return ext is FunctionInstance f && f.CanonicalType.IsSubtypeOf(inst.Types[imp.TypeIndex]);
            case ExternKind.Table:
                {
                    if (ext is not TableInstance t)
                    {
                        return false;
                    }
                    var want = imp.Table;
                    return t.DeclaredType.Is64 == want.Is64
                        && TypeMatch.AreEqual(t.ElementType, inst.Canonical(want.Element))
                        && TypeMatch.LimitsMatch(t.Size, t.DeclaredType.Limits.Max, want.Limits);
                }
            case ExternKind.Memory:
                {
                    if (ext is not MemoryInstance m)
                    {
                        return false;
                    }
                    var want = imp.Memory;
                    return m.Is64 == want.Is64 && m.Shared == want.Shared && m.PageSizeLog2 == want.PageSizeLog2
                        && TypeMatch.LimitsMatch(m.SizeInPages, m.DeclaredType.Limits.Max, want.Limits);
                }
            case ExternKind.Global:
                {
                    if (ext is not GlobalInstance g || g.Type.Mutable != imp.Global.Mutable)
                    {
                        return false;
                    }
                    var want = inst.Canonical(imp.Global.Type);
                    return g.Type.Mutable ? TypeMatch.AreEqual(g.Type.Type, want) : TypeMatch.IsSubtype(g.Type.Type, want);
                }
            default:
                return ext is TagInstance tag && ReferenceEquals(tag.CanonicalType, inst.Types[imp.TypeIndex]);
        }
    }
}
