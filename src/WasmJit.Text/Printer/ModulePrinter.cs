using WasmJit.Binary;

namespace WasmJit.Text.Printer;

/// <summary>
/// The state of one print: the module, the writer, the names to use and reusable instruction buffers.
/// Fields come out in the order that gives every index space the binary's order (types, imports, then the
/// definitions of each kind): https://webassembly.github.io/spec/core/text/modules.html#modules
/// </summary>
internal sealed partial class ModulePrinter
{
    /// <summary>Every opcode the table knows: a printer shows what is there, the decoder already gated features.</summary>
    private const WasmFeatures AllFeatures = WasmFeatures.All;

    private readonly WasmModule _module;
    private readonly TextWriter _w;
    private readonly InstructionBuffers _buffers = new();

    public ModulePrinter(WasmModule module, TextWriter w)
    {
        _module = module;
        _w = w;
        _names = ChooseNames(module);
    }

    public void Print()
    {
        _w.Write("(module");
        if (_names.Module is { } moduleId)
        {
            _w.Write(' ');
            _w.Write(moduleId);
        }
        _w.Write('\n');
        PrintTypes();
        PrintImports();
        PrintFunctions();
        PrintTables();
        PrintMemories();
        PrintTags();
        PrintGlobals();
        PrintExports();
        PrintStart();
        PrintElements();
        PrintData();
        PrintCustomSections();
        _w.Write(")\n");
    }

    private void PrintTypes()
    {
        if (_module.RecGroups.Count > 0)
        {
            // As the binary wrote them, empty and single-type "rec" groups included, so the text encodes back the same.
            foreach (var g in _module.RecGroups)
            {
                PrintRecGroup(g.Start, Math.Min(g.Size, _module.Types.Count - g.Start), g.Explicit);
            }
            return;
        }
        var types = _module.Types;
        for (int i = 0; i < types.Count;)
        {
            var t = types[i];
            int size = t.RecGroupStart == i ? Math.Max(t.RecGroupSize, 1) : 1;
            size = Math.Min(size, types.Count - i);
            PrintRecGroup(i, size, size != 1);
            i += size;
        }
    }

    private void PrintRecGroup(int start, int size, bool explicitRec)
    {
        if (!explicitRec)
        {
            _w.Write("  ");
            PrintTypeDef(start);
            _w.Write('\n');
            return;
        }
        if (size == 0)
        {
            _w.Write("  (rec)\n");
            return;
        }
        _w.Write("  (rec\n");
        for (int k = 0; k < size; k++)
        {
            _w.Write("    ");
            PrintTypeDef(start + k);
            _w.Write(k == size - 1 ? ")\n" : "\n");
        }
    }

    private void PrintTypeDef(int index)
    {
        var t = _module.Types[index];
        _w.Write("(type ");
        Comment(index);
        _w.Write(' ');
        // A final type without supertypes is the plain composite type; anything else needs "sub" (and that one
        // too when the binary spelled it out, so that it encodes back the same).
        bool sub = !t.Final || t.SuperTypes.Length > 0 || t.WrittenAsSub;
        if (sub)
        {
            _w.Write("(sub ");
            if (t.Final)
            {
                _w.Write("final ");
            }
            foreach (int super in t.SuperTypes)
            {
                WriteIndex((uint)super);
                _w.Write(' ');
            }
        }
        switch (t.Kind)
        {
            case CompositeKind.Func:
                _w.Write("(func");
                PrintSignature(t.Func!);
                _w.Write(')');
                break;
            case CompositeKind.Struct:
                _w.Write("(struct");
                foreach (var f in t.Struct!.Fields)
                {
                    _w.Write(" (field ");
                    WriteFieldType(f);
                    _w.Write(')');
                }
                _w.Write(')');
                break;
            case CompositeKind.Array:
                _w.Write("(array ");
                WriteFieldType(t.Array!.Element);
                _w.Write(')');
                break;
        }
        if (sub)
        {
            _w.Write(')');
        }
        _w.Write(')');
    }

    private void WriteFieldType(FieldType f)
    {
        if (f.Mutable)
        {
            _w.Write("(mut ");
            WriteValType(f.Storage);
            _w.Write(')');
        }
        else
        {
            WriteValType(f.Storage);
        }
    }

    /// <summary>Writes <c> (param ..) (result ..)</c> for an unnamed signature.</summary>
    private void PrintSignature(FuncType f)
    {
        if (f.Params.Length > 0)
        {
            _w.Write(" (param");
            foreach (var p in f.Params)
            {
                _w.Write(' ');
                WriteValType(p);
            }
            _w.Write(')');
        }
        PrintResults(f);
    }

    private void PrintResults(FuncType f)
    {
        if (f.Results.Length > 0)
        {
            _w.Write(" (result");
            foreach (var r in f.Results)
            {
                _w.Write(' ');
                WriteValType(r);
            }
            _w.Write(')');
        }
    }

    /// <summary>Writes <c> (type N)</c> plus the signature, when the type is a function type.</summary>
    private void PrintTypeUse(int typeIndex)
    {
        _w.Write(" (type ");
        WriteIndex((uint)typeIndex);
        _w.Write(')');
        if (FuncTypeOrNull(typeIndex) is { } f)
        {
            PrintSignature(f);
        }
    }

    private FuncType? FuncTypeOrNull(int typeIndex) =>
        (uint)typeIndex < (uint)_module.Types.Count ? _module.Types[typeIndex].Func : null;

    private void PrintImports()
    {
        int func = 0, table = 0, memory = 0, global = 0, tag = 0;
        foreach (var imp in _module.Imports)
        {
            _w.Write("  (import ");
            WatLiterals.WriteName(_w, imp.Module);
            _w.Write(' ');
            WatLiterals.WriteName(_w, imp.Name);
            _w.Write(' ');
            switch (imp.Kind)
            {
                case ExternKind.Func:
                    _w.Write("(func");
                    WriteDefinitionId(FuncId(func), func);
                    func++;
                    PrintTypeUse(imp.TypeIndex);
                    break;
                case ExternKind.Table:
                    _w.Write("(table");
                    WriteDefinitionId(null, table++);
                    _w.Write(' ');
                    WriteTableType(imp.Table);
                    break;
                case ExternKind.Memory:
                    _w.Write("(memory");
                    WriteDefinitionId(null, memory++);
                    _w.Write(' ');
                    WriteMemoryType(imp.Memory);
                    break;
                case ExternKind.Global:
                    _w.Write("(global");
                    WriteDefinitionId(null, global++);
                    _w.Write(' ');
                    WriteGlobalType(imp.Global);
                    break;
                case ExternKind.Tag:
                    _w.Write("(tag");
                    WriteDefinitionId(null, tag++);
                    PrintTypeUse(imp.TypeIndex);
                    break;
            }
            _w.Write("))\n");
        }
    }

    private void PrintTables()
    {
        for (int i = _module.ImportedTableCount; i < _module.Tables.Count; i++)
        {
            var t = _module.Tables[i];
            _w.Write("  (table");
            WriteDefinitionId(null, i);
            _w.Write(' ');
            WriteTableType(t.Type);
            if (t.Init is { } init)
            {
                _w.Write(' ');
                PrintConstExpr(init);
            }
            _w.Write(")\n");
        }
    }

    private void PrintMemories()
    {
        for (int i = _module.ImportedMemoryCount; i < _module.Memories.Count; i++)
        {
            _w.Write("  (memory");
            WriteDefinitionId(null, i);
            _w.Write(' ');
            WriteMemoryType(_module.Memories[i]);
            _w.Write(")\n");
        }
    }

    private void PrintTags()
    {
        for (int i = _module.ImportedTagCount; i < _module.Tags.Count; i++)
        {
            _w.Write("  (tag");
            WriteDefinitionId(null, i);
            PrintTypeUse(_module.Tags[i]);
            _w.Write(")\n");
        }
    }

    private void PrintGlobals()
    {
        for (int i = _module.ImportedGlobalCount; i < _module.Globals.Count; i++)
        {
            var g = _module.Globals[i];
            _w.Write("  (global");
            WriteDefinitionId(null, i);
            _w.Write(' ');
            WriteGlobalType(g.Type);
            if (g.Init is { } init)
            {
                _w.Write(' ');
                PrintConstExpr(init);
            }
            _w.Write(")\n");
        }
    }

    private void PrintExports()
    {
        foreach (var e in _module.Exports)
        {
            _w.Write("  (export ");
            WatLiterals.WriteName(_w, e.Name);
            _w.Write(e.Kind switch
            {
                ExternKind.Func => " (func ",
                ExternKind.Table => " (table ",
                ExternKind.Memory => " (memory ",
                ExternKind.Global => " (global ",
                _ => " (tag ",
            });
            if (e.Kind == ExternKind.Func)
            {
                WriteFuncRef((uint)e.Index);
            }
            else
            {
                WriteIndex((uint)e.Index);
            }
            _w.Write("))\n");
        }
    }

    private void PrintStart()
    {
        if (_module.StartFunction is { } start)
        {
            _w.Write("  (start ");
            WriteFuncRef((uint)start);
            _w.Write(")\n");
        }
    }

    private void PrintElements()
    {
        for (int i = 0; i < _module.Elements.Count; i++)
        {
            var e = _module.Elements[i];
            _w.Write("  (elem");
            WriteDefinitionId(null, i);
            switch (e.Mode)
            {
                case SegmentMode.Active:
                    // Table 0 is implied; spelling it out only where the short form cannot express the segment.
                    if (e.TableIndex != 0 || (e.Expressions is not null && e.ElementType != ValType.FuncRef))
                    {
                        _w.Write(" (table ");
                        WriteIndex((uint)e.TableIndex);
                        _w.Write(')');
                    }
                    _w.Write(" (offset ");
                    PrintConstExpr(e.Offset);
                    _w.Write(')');
                    break;
                case SegmentMode.Declarative:
                    _w.Write(" declare");
                    break;
            }
            if (e.FunctionIndices is { } funcs)
            {
                _w.Write(" func");
                foreach (int f in funcs)
                {
                    _w.Write(' ');
                    WriteFuncRef((uint)f);
                }
            }
            else
            {
                _w.Write(' ');
                WriteValType(e.ElementType);
                foreach (var expr in e.Expressions!)
                {
                    _w.Write(" (item ");
                    PrintConstExpr(expr);
                    _w.Write(')');
                }
            }
            _w.Write(")\n");
        }
    }

    private void PrintData()
    {
        for (int i = 0; i < _module.Data.Count; i++)
        {
            var d = _module.Data[i];
            _w.Write("  (data");
            WriteDefinitionId(null, i);
            if (d.Mode == SegmentMode.Active)
            {
                if (d.MemoryIndex != 0)
                {
                    _w.Write(" (memory ");
                    WriteIndex((uint)d.MemoryIndex);
                    _w.Write(')');
                }
                _w.Write(" (offset ");
                PrintConstExpr(d.Offset);
                _w.Write(')');
            }
            WriteDataStrings(d.Span(_module), "\n    ");
            _w.Write(")\n");
        }
    }

    /// <summary>Writes bytes as string literals of at most 64 bytes each, one per line, so that big segments stay readable.</summary>
    private void WriteDataStrings(ReadOnlySpan<byte> bytes, string separator)
    {
        const int Chunk = 64;
        if (bytes.Length <= Chunk)
        {
            if (bytes.Length > 0)
            {
                _w.Write(' ');
                WatLiterals.WriteString(_w, bytes);
            }
            return;
        }
        for (int at = 0; at < bytes.Length; at += Chunk)
        {
            _w.Write(separator);
            WatLiterals.WriteString(_w, bytes.Slice(at, Math.Min(Chunk, bytes.Length - at)));
        }
    }

    /// <summary>
    /// Custom sections, the name section included, as annotations placed after the section they followed
    /// (https://github.com/WebAssembly/annotations/blob/main/proposals/annotations/Overview.md).
    /// </summary>
    private void PrintCustomSections()
    {
        var bytes = _module.Bytes.Span;
        for (int i = 0; i < _module.CustomSections.Count; i++)
        {
            if (i == _names.OmittedCustomSection)
            {
                continue;
            }
            var c = _module.CustomSections[i];
            _w.Write("  (@custom ");
            WatLiterals.WriteName(_w, c.Name);
            _w.Write(' ');
            _w.Write(c.After switch
            {
                0 => "(before first)",
                1 => "(after type)",
                2 => "(after import)",
                3 => "(after func)",
                4 => "(after table)",
                5 => "(after memory)",
                6 => "(after global)",
                7 => "(after export)",
                8 => "(after start)",
                9 => "(after elem)",
                10 => "(after code)",
                11 => "(after data)",
                12 => "(after datacount)",
                13 => "(after tag)",
                _ => "(after last)",
            });
            WriteDataStrings(bytes.Slice(c.Offset, c.Length), "\n    ");
            _w.Write(")\n");
        }
    }

    private void WriteTableType(TableType t)
    {
        if (t.Is64)
        {
            _w.Write("i64 ");
        }
        WriteLimits(t.Limits);
        _w.Write(' ');
        WriteValType(t.Element);
    }

    private void WriteMemoryType(MemoryType m)
    {
        if (m.Is64)
        {
            _w.Write("i64 ");
        }
        WriteLimits(m.Limits);
        if (m.Shared)
        {
            _w.Write(" shared");
        }
        if (m.PageSizeLog2 != 16)
        {
            _w.Write(" (pagesize ");
            WatLiterals.WriteU64(_w, 1UL << m.PageSizeLog2);
            _w.Write(')');
        }
    }

    private void WriteLimits(Limits l)
    {
        WatLiterals.WriteU64(_w, l.Min);
        if (l.Max is { } max)
        {
            _w.Write(' ');
            WatLiterals.WriteU64(_w, max);
        }
    }

    private void WriteGlobalType(GlobalType g)
    {
        if (g.Mutable)
        {
            _w.Write("(mut ");
            WriteValType(g.Type);
            _w.Write(')');
        }
        else
        {
            WriteValType(g.Type);
        }
    }

    private void WriteValType(ValType t)
    {
        switch (t.Kind)
        {
            case ValKind.I32: _w.Write("i32"); return;
            case ValKind.I64: _w.Write("i64"); return;
            case ValKind.F32: _w.Write("f32"); return;
            case ValKind.F64: _w.Write("f64"); return;
            case ValKind.V128: _w.Write("v128"); return;
            case ValKind.I8: _w.Write("i8"); return;
            case ValKind.I16: _w.Write("i16"); return;
        }
        if (t.Nullable && t.Heap.IsAbstract)
        {
            // The shorthands: funcref, externref, nullref, ...
            _w.Write(t.Heap.Code switch
            {
                HeapType.NoneCode => "nullref",
                HeapType.NoFuncCode => "nullfuncref",
                HeapType.NoExternCode => "nullexternref",
                HeapType.NoExnCode => "nullexnref",
                HeapType.FuncCode => "funcref",
                HeapType.ExternCode => "externref",
                HeapType.AnyCode => "anyref",
                HeapType.EqCode => "eqref",
                HeapType.I31Code => "i31ref",
                HeapType.StructCode => "structref",
                HeapType.ArrayCode => "arrayref",
                HeapType.ExnCode => "exnref",
                _ => "(ref null bot)",
            });
            return;
        }
        WriteRefType(t.Heap, t.Nullable);
    }

    /// <summary>The long form <c>(ref null? ht)</c>.</summary>
    private void WriteRefType(HeapType heap, bool nullable)
    {
        _w.Write(nullable ? "(ref null " : "(ref ");
        WriteHeapType(heap);
        _w.Write(')');
    }

    private void WriteHeapType(HeapType h)
    {
        if (h.IsConcrete)
        {
            WriteIndex((uint)h.TypeIndex);
        }
        else
        {
            _w.Write(h.Code switch
            {
                HeapType.FuncCode => "func",
                HeapType.ExternCode => "extern",
                HeapType.AnyCode => "any",
                HeapType.EqCode => "eq",
                HeapType.I31Code => "i31",
                HeapType.StructCode => "struct",
                HeapType.ArrayCode => "array",
                HeapType.ExnCode => "exn",
                HeapType.NoExnCode => "noexn",
                HeapType.NoFuncCode => "nofunc",
                HeapType.NoExternCode => "noextern",
                HeapType.NoneCode => "none",
                _ => "bot",
            });
        }
    }

    private void WriteIndex(uint index) => WatLiterals.WriteU64(_w, index);

    /// <summary>A function reference: its identifier when it has one, else its index.</summary>
    private void WriteFuncRef(uint index)
    {
        if (FuncId((int)index) is { } id)
        {
            _w.Write(id);
        }
        else
        {
            WriteIndex(index);
        }
    }

    /// <summary>Writes <c> $id (;N;)</c> or <c> (;N;)</c> after a field keyword.</summary>
    private void WriteDefinitionId(string? id, int index)
    {
        if (id is not null)
        {
            _w.Write(' ');
            _w.Write(id);
        }
        _w.Write(' ');
        Comment(index);
    }

    private void Comment(int index)
    {
        _w.Write("(;");
        WriteIndex((uint)index);
        _w.Write(";)");
    }
}
