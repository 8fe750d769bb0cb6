namespace WasmJit.Binary;

/// <summary>Import section (id 2): https://webassembly.github.io/spec/core/binary/modules.html#import-section</summary>
internal sealed partial class ModuleDecoder
{
    private int ReadImportSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var m = _module;
        m.Imports.EnsureCapacity(m.Imports.Count + Capacity(count, r, 4));
        for (int i = 0; i < count; i++)
        {
            string module = ReadImportModuleName(ref r);
            string name = r.ReadName();
            long at = r.Offset;
            byte kind = r.ReadByte();
            Import import;
            switch (kind)
            {
                case 0x00:
                {
                    int type = ReadIndex(ref r);
                    import = new Import { Module = module, Name = name, Kind = ExternKind.Func, TypeIndex = type };
                    m.FunctionTypeIndices.Add(type);
                    m.ImportedFunctionCount++;
                    break;
                }
                case 0x01:
                {
                    var table = ReadTableType(ref r);
                    import = new Import { Module = module, Name = name, Kind = ExternKind.Table, Table = table };
                    m.Tables.Add(new TableDef { Type = table });
                    m.ImportedTableCount++;
                    break;
                }
                case 0x02:
                {
                    var memory = ReadMemoryType(ref r);
                    import = new Import { Module = module, Name = name, Kind = ExternKind.Memory, Memory = memory };
                    m.Memories.Add(memory);
                    m.ImportedMemoryCount++;
                    break;
                }
                case 0x03:
                {
                    var global = ReadGlobalType(ref r);
                    if (global.Mutable)
                    {
                        Use(WasmFeatures.MutableGlobals);
                    }
                    import = new Import { Module = module, Name = name, Kind = ExternKind.Global, Global = global };
                    m.Globals.Add(new GlobalDef { Type = global });
                    m.ImportedGlobalCount++;
                    break;
                }
                case 0x04 when Enabled(WasmFeatures.ExceptionHandling):
                {
                    int type = ReadTagType(ref r);
                    import = new Import { Module = module, Name = name, Kind = ExternKind.Tag, TypeIndex = type };
                    m.Tags.Add(type);
                    m.ImportedTagCount++;
                    break;
                }
                default:
                    Throw.Malformed("malformed import kind", at);
                    return 0;
            }
            m.Imports.Add(import);
        }
        return count;
    }

    /// <summary>
    /// The module name of an import. Real modules import hundreds of thousands of functions from a handful of
    /// modules, usually in runs, so a name equal to the previous one reuses its string.
    /// </summary>
    private string ReadImportModuleName(ref WasmReader r)
    {
        int lengthAt = r.Position;
        uint length = r.ReadU32();
        int bytesAt = r.Position;
        var span = r.Span;
        if (_lastImportModuleOffset >= 0 && length == (uint)_lastImportModuleLength && length <= (uint)r.Remaining
            && span.Slice(bytesAt, (int)length).SequenceEqual(span.Slice(_lastImportModuleOffset, _lastImportModuleLength)))
        {
            r.Position = bytesAt + (int)length;
            return _lastImportModule;
        }
        r.Position = lengthAt;
        string name = r.ReadName();
        _lastImportModuleOffset = bytesAt;
        _lastImportModuleLength = (int)length;
        _lastImportModule = name;
        return name;
    }
}
