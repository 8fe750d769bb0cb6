namespace WasmJit.Binary;

/// <summary>
/// Decodes the binary format of a module (https://webassembly.github.io/spec/core/binary/modules.html, Wasm 3.0
/// plus threads' shared memories and memory64's 64-bit limits) into a <see cref="WasmModule"/>. It checks the
/// structure only: instructions in function bodies are left to the validator, and only the ranges of bodies and
/// constant expressions are recorded, so a large module costs little more than its index spaces.
/// </summary>
/// <remarks>
/// Error messages are those of the spec's reference interpreter, so that the spec suite's <c>assert_malformed</c>
/// texts match. Like the reference decoder, the contents of a section are read from the module stream, not from a
/// reader cut at the declared section size: a section whose vectors run past its declared end goes on reading the
/// next section's bytes and fails with whatever the reference decoder would report (usually
/// "section size mismatch"). Bodies are an exception: the decoder does not decode their instructions (see
/// <see cref="CheckBodyEnd"/>).
/// One file per section, all sharing this partial class.
/// </remarks>
internal sealed partial class ModuleDecoder
{
    /// <summary>The reference interpreter's text for every read past the end of the module.</summary>
    private const string UnexpectedEndOfSection = "unexpected end of section or function";

    private readonly WasmModule _module;
    private readonly WasmFeatures _features;
    private readonly InstructionBuffers _buffers = new();

    /// <summary>Number of entries of the function section (defined functions), to compare with the code section.</summary>
    private int _functionSectionCount;

    /// <summary>Id of the last non-custom section, for <see cref="CustomSection.After"/>.</summary>
    private byte _lastSectionId;

    /// <summary>Module name bytes of the previous import, so runs of imports from one module share one string.</summary>
    private int _lastImportModuleOffset = -1;
    private int _lastImportModuleLength;
    private string _lastImportModule = "";

    private ModuleDecoder(ReadOnlyMemory<byte> bytes, WasmFeatures features)
    {
        _module = new WasmModule(bytes);
        _features = features;
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/>. The module keeps a reference to them (bodies, data and constant expressions
    /// are ranges of it), so the caller must not change them afterwards. Throws <see cref="WasmMalformedException"/>
    /// and nothing else for any input.
    /// </summary>
    public static WasmModule Decode(ReadOnlyMemory<byte> bytes, WasmFeatures features)
    {
        var decoder = new ModuleDecoder(bytes, features);
        try
        {
            decoder.DecodeModule();
        }
        catch (WasmMalformedException e) when (e.Reason == "unexpected end")
        {
            // The shared readers say "unexpected end"; the suite expects the reference interpreter's longer text
            // (of which the short one is a prefix, so both kinds of expectation match).
            throw new WasmMalformedException(UnexpectedEndOfSection, e.Offset);
        }
        return decoder._module;
    }

    private bool Enabled(WasmFeatures f) => (_features & f) == f;

    private void Use(WasmFeatures f) => _module.FeaturesUsed |= f;

    private void DecodeModule()
    {
        var span = _module.Bytes.Span;
        if (span.Length < 4)
        {
            Throw.UnexpectedEnd(span.Length);
        }
        if (span[0] != 0x00 || span[1] != 0x61 || span[2] != 0x73 || span[3] != 0x6d)
        {
            Throw.Malformed("magic header not detected", 0);
        }
        if (span.Length < 8)
        {
            Throw.UnexpectedEnd(span.Length);
        }
        if (span[4] != 0x01 || span[5] != 0 || span[6] != 0 || span[7] != 0)
        {
            Throw.Malformed("unknown binary version", 4);
        }

        var r = new WasmReader(span);
        r.Position = 8;
        int lastRank = 0;
        while (!r.End)
        {
            long idAt = r.Offset;
            byte id = r.ReadByte();
            int rank = SectionRank(id);
            if (rank < 0)
            {
                Throw.Malformed("malformed section id", idAt);
            }
            if (rank > 0)
            {
                // Each non-custom section at most once and in the prescribed order; the reference decoder stops at
                // the first section it does not expect next and reports the rest as trailing content.
                if (rank <= lastRank)
                {
                    Throw.Malformed("unexpected content after last section", idAt);
                }
                lastRank = rank;
            }
            int size = ReadLength(ref r);
            int start = r.Position;
            int count = id switch
            {
                0 => ReadCustomSection(ref r, size),
                1 => ReadTypeSection(ref r),
                2 => ReadImportSection(ref r),
                3 => ReadFunctionSection(ref r),
                4 => ReadTableSection(ref r),
                5 => ReadMemorySection(ref r),
                6 => ReadGlobalSection(ref r),
                7 => ReadExportSection(ref r),
                8 => ReadStartSection(ref r),
                9 => ReadElementSection(ref r),
                10 => ReadCodeSection(ref r),
                11 => ReadDataSection(ref r),
                12 => ReadDataCountSection(ref r),
                _ => ReadTagSection(ref r),
            };
            if (r.Position != start + size)
            {
                Throw.Malformed("section size mismatch", start);
            }
            if (id != 0)
            {
                _lastSectionId = id;
                _module.Sections.Add(new SectionInfo(id, SectionName(id), start, size, count));
            }
        }

        if (_functionSectionCount != _module.Bodies.Count)
        {
            Throw.Malformed("function and code section have inconsistent lengths", span.Length);
        }
        if (_module.DataCount is uint dc && dc != (uint)_module.Data.Count)
        {
            Throw.Malformed("data count and data section have inconsistent lengths", span.Length);
        }
        if (_module.Memories.Count > 1)
        {
            Use(WasmFeatures.MultiMemory);
        }
        if (_module.Tables.Count > 1)
        {
            Use(WasmFeatures.ReferenceTypes);
        }
    }

    /// <summary>
    /// Position of a section id in the prescribed order (tag between memory and global, data count before code),
    /// 0 for custom sections, -1 for ids that are unknown or belong to a disabled feature.
    /// </summary>
    private int SectionRank(byte id) => id switch
    {
        0 => 0,
        >= 1 and <= 5 => id,
        13 => Enabled(WasmFeatures.ExceptionHandling) ? 6 : -1,
        >= 6 and <= 9 => id + 1,
        12 => Enabled(WasmFeatures.BulkMemory) ? 11 : -1,
        10 => 12,
        11 => 13,
        _ => -1,
    };

    internal static string SectionName(byte id) => id switch
    {
        0 => "custom",
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "datacount",
        13 => "tag",
        _ => "unknown",
    };

    /// <summary>
    /// A length or vector count (the reference's <c>len32</c>): larger than the bytes left from the start of its
    /// own encoding is "length out of bounds". Every vector element takes at least one byte, so a count that passes
    /// bounds any allocation made from it by the module's size.
    /// </summary>
    private static int ReadLength(ref WasmReader r)
    {
        int start = r.Position;
        long at = r.Offset;
        uint n = r.ReadU32();
        if (n > (uint)(r.Span.Length - start))
        {
            Throw.Malformed("length out of bounds", at);
        }
        return (int)n;
    }

    /// <summary>
    /// An index (type, function, table, ...). Indices of 2^31 and more can never be in range; they are clamped so the
    /// validator reports them as unknown, which is what the spec makes of them.
    /// </summary>
    private static int ReadIndex(ref WasmReader r)
    {
        uint n = r.ReadU32();
        return n > int.MaxValue ? int.MaxValue : (int)n;
    }

    /// <summary>Initial capacity for <paramref name="count"/> entries of at least <paramref name="minBytes"/> each.</summary>
    private static int Capacity(int count, in WasmReader r, int minBytes) => Math.Min(count, r.Remaining / minBytes + 1);

    private bool ReadMutability(ref WasmReader r)
    {
        long at = r.Offset;
        byte b = r.ReadByte();
        if (b > 1)
        {
            Throw.Malformed("malformed mutability", at);
        }
        return b == 1;
    }

    private ValType ReadValType(ref WasmReader r)
    {
        var t = TypeReader.ReadValType(ref r, _features);
        NoteValType(t);
        return t;
    }

    /// <summary>
    /// A reference type (https://webassembly.github.io/spec/core/binary/types.html#reference-types). <c>funcref</c>
    /// is accepted whatever the features, as table and element types have always allowed it.
    /// </summary>
    private ValType ReadRefType(ref WasmReader r)
    {
        long at = r.Offset;
        byte b = r.PeekByte();
        if (b == 0x70)
        {
            r.ReadByte();
            return ValType.FuncRef;
        }
        if (b is 0x63 or 0x64 || (b >= 0x40 && HeapType.IsAbstractCode(b - 0x80)))
        {
            return ReadValType(ref r);
        }
        return Throw.Malformed<ValType>("malformed reference type", at);
    }

    /// <summary>Which feature a value type shows the module uses (funcref is MVP in tables, so not counted here).</summary>
    private void NoteValType(ValType t)
    {
        switch (t.Kind)
        {
            case ValKind.V128:
                Use(WasmFeatures.Simd);
                break;
            case ValKind.I8:
            case ValKind.I16:
                Use(WasmFeatures.Gc);
                break;
            case ValKind.Ref:
                if (t.Heap.IsConcrete || !t.Nullable)
                {
                    Use(WasmFeatures.FunctionReferences);
                }
                else
                {
                    Use(t.Heap.Code switch
                    {
                        HeapType.FuncCode or HeapType.ExternCode => WasmFeatures.ReferenceTypes,
                        HeapType.ExnCode or HeapType.NoExnCode => WasmFeatures.ExceptionHandling,
                        _ => WasmFeatures.Gc,
                    });
                }
                break;
        }
    }

    /// <summary>
    /// Limits of a memory or table (https://webassembly.github.io/spec/core/binary/types.html#limits). The flags
    /// byte: bit 0 has-maximum, bit 1 shared (threads, memories only), bit 2 64-bit (memory64). Bounds are read as
    /// u64 whatever the index type, as the reference decoder does; their range is the validator's to check.
    /// </summary>
    private Limits ReadLimits(ref WasmReader r, bool memory, out bool shared, out bool is64)
    {
        long at = r.Offset;
        byte flags = r.ReadByte();
        int allowed = 0x01;
        if (memory && Enabled(WasmFeatures.Threads))
        {
            allowed |= 0x02;
        }
        if (Enabled(WasmFeatures.Memory64))
        {
            allowed |= 0x04;
        }
        if ((flags & ~allowed) != 0)
        {
            Throw.Malformed("malformed limits flags", at);
        }
        shared = (flags & 0x02) != 0;
        is64 = (flags & 0x04) != 0;
        if (shared)
        {
            Use(WasmFeatures.Threads);
        }
        if (is64)
        {
            Use(WasmFeatures.Memory64);
        }
        ulong min = r.ReadU64();
        ulong? max = (flags & 0x01) != 0 ? r.ReadU64() : null;
        return new Limits(min, max);
    }

    private MemoryType ReadMemoryType(ref WasmReader r)
    {
        var limits = ReadLimits(ref r, memory: true, out bool shared, out bool is64);
        return new MemoryType(limits, shared, is64);
    }

    private TableType ReadTableType(ref WasmReader r)
    {
        var element = ReadRefType(ref r);
        if (element != ValType.FuncRef)
        {
            NoteValType(element);
        }
        var limits = ReadLimits(ref r, memory: false, out _, out bool is64);
        return new TableType(element, limits, is64);
    }

    private GlobalType ReadGlobalType(ref WasmReader r)
    {
        var t = ReadValType(ref r);
        bool mutable = ReadMutability(ref r);
        return new GlobalType(t, mutable);
    }

    /// <summary>
    /// A constant expression: scans instructions with the shared <see cref="InstructionReader"/> up to the
    /// <c>end</c> that closes it and records the byte range. Which instructions are allowed is the validator's
    /// business.
    /// </summary>
    private ConstExpr ReadConstExpr(ref WasmReader r)
    {
        int start = r.Position;
        int length = ScanToEnd(r.Span, start, out var used);
        _module.FeaturesUsed |= used;
        r.Position = start + length;
        return new ConstExpr(start, length);
    }

    /// <summary>
    /// Reads instructions from <paramref name="start"/> to the <c>end</c> that closes the enclosing expression and
    /// returns the length through that <c>end</c>. Block instructions are counted, not recursed into, so nesting
    /// depth costs nothing. Errors are the reference decoder's: a read past the module's end, or an <c>else</c>
    /// where the closing <c>end</c> should be ("END opcode expected").
    /// </summary>
    private int ScanToEnd(ReadOnlySpan<byte> span, int start, out WasmFeatures used)
    {
        var ir = new InstructionReader(span[start..], start, _features, _buffers);
        int depth = 0;
        used = WasmFeatures.None;
        while (true)
        {
            ir.Read(out var ins);
            used |= ins.Info.Feature;
            switch (ins.Op)
            {
                case Opcode.Block:
                case Opcode.Loop:
                case Opcode.If:
                case Opcode.Try:
                case Opcode.TryTable:
                    depth++;
                    break;
                case Opcode.Delegate:
                    // Legacy exceptions: delegate closes a try.
                    if (depth > 0)
                    {
                        depth--;
                    }
                    break;
                case Opcode.Else:
                    if (depth == 0)
                    {
                        Throw.Malformed("END opcode expected", ins.Offset);
                    }
                    break;
                case Opcode.End:
                    if (depth == 0)
                    {
                        return ir.Position;
                    }
                    depth--;
                    break;
                case Opcode.I32Add or Opcode.I32Sub or Opcode.I32Mul or Opcode.I64Add or Opcode.I64Sub or Opcode.I64Mul:
                    // In a constant expression these are the extended-const proposal's.
                    used |= WasmFeatures.ExtendedConst;
                    break;
            }
        }
    }
}
