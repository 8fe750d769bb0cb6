using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WasmJit.Binary;

/// <summary>Growable scratch lists an <see cref="InstructionReader"/> fills for variable-length immediates.</summary>
internal sealed class InstructionBuffers
{
    public uint[] Targets = new uint[16];
    public CatchClause[] Catches = new CatchClause[4];
    public ValType[] Types = new ValType[2];
}

/// <summary>
/// Decodes one instruction at a time from a function body or constant expression. Shared by the validator,
/// both engines and the printer, so immediates are parsed in exactly one place. Opcodes whose feature is not
/// enabled are rejected here as "illegal opcode", the same as unassigned ones.
/// </summary>
internal ref struct InstructionReader
{
    private WasmReader _r;
    private readonly InstructionBuffers _buffers;
    private readonly WasmFeatures _features;

    public InstructionReader(ReadOnlySpan<byte> code, long baseOffset, WasmFeatures features, InstructionBuffers buffers)
    {
        _r = new WasmReader(code, baseOffset);
        _features = features;
        _buffers = buffers;
    }

    public readonly bool End => _r.End;

    public readonly long Offset => _r.Offset;

    public int Position
    {
        readonly get => _r.Position;
        set => _r.Position = value;
    }

    public readonly ReadOnlySpan<uint> Targets(in Instruction ins) => _buffers.Targets.AsSpan(0, (int)ins.A);

    public readonly ReadOnlySpan<CatchClause> Catches(in Instruction ins) => _buffers.Catches.AsSpan(0, (int)ins.A);

    public readonly ReadOnlySpan<ValType> SelectTypes(in Instruction ins) => _buffers.Types.AsSpan(0, (int)ins.A);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(out Instruction ins)
    {
        ins = default;
        long at = _r.Offset;
        ins.Offset = (int)at;
        byte b = _r.ReadByte();
        Opcode op;
        if (OpcodeTable.IsPrefix(b))
        {
            uint sub = _r.ReadU32();
            if (!OpcodeTable.TryGetPrefixed(b, sub, out op))
            {
                Throw.IllegalOpcode(b, sub, at);
            }
        }
        else if (!OpcodeTable.TryGetSingle(b, out op))
        {
            Throw.IllegalOpcode(b, at);
        }
        ref readonly var info = ref OpcodeTable.Info(op);
        if ((info.Feature & ~_features) != 0)
        {
            if (info.Prefix != 0)
            {
                Throw.IllegalOpcode(info.Prefix, info.Code, at);
            }
            Throw.IllegalOpcode(b, at);
        }
        ins.Op = op;
        if (info.Imm != ImmKind.None)
        {
            ReadImmediates(ref ins, info.Imm);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadImmediates(ref Instruction ins, ImmKind kind)
    {
        switch (kind)
        {
            case ImmKind.Blocktype:
                ins.Block = ReadBlockType();
                break;
            case ImmKind.Label:
            case ImmKind.Func:
            case ImmKind.Type:
            case ImmKind.Local:
            case ImmKind.Global:
            case ImmKind.Table:
            case ImmKind.Mem:
            case ImmKind.Elem:
            case ImmKind.Data:
            case ImmKind.Tag:
                ins.A = _r.ReadU32();
                break;
            case ImmKind.Callindirect:
            case ImmKind.Tabletable:
            case ImmKind.Elemtable:
            case ImmKind.Datamem:
            case ImmKind.Memmem:
            case ImmKind.Typefield:
            case ImmKind.Typecount:
            case ImmKind.Typedata:
            case ImmKind.Typeelem:
            case ImmKind.Typetype:
                ins.A = _r.ReadU32();
                ins.B = _r.ReadU32();
                break;
            case ImmKind.Brtable:
                ReadBrTable(ref ins);
                break;
            case ImmKind.Memarg:
                ReadMemArg(ref ins);
                break;
            case ImmKind.Memarglane:
                ReadMemArg(ref ins);
                ins.Lane = _r.ReadByte();
                break;
            case ImmKind.I32:
                ins.Imm = (ulong)(long)_r.ReadS32();
                break;
            case ImmKind.I64:
                ins.Imm = (ulong)_r.ReadS64();
                break;
            case ImmKind.F32:
                ins.Imm = _r.ReadF32Bits();
                break;
            case ImmKind.F64:
                ins.Imm = _r.ReadF64Bits();
                break;
            case ImmKind.V128:
            case ImmKind.Shuffle:
                ins.V128 = Vector128.Create(_r.ReadBytes(16));
                break;
            case ImmKind.Lane:
                ins.Lane = _r.ReadByte();
                ins.A = ins.Lane;
                break;
            case ImmKind.Heaptype:
                ins.Heap = ReadHeapType();
                break;
            case ImmKind.Selecttypes:
                ReadSelectTypes(ref ins);
                break;
            case ImmKind.Trytable:
                ins.Block = ReadBlockType();
                ReadCatches(ref ins);
                break;
            case ImmKind.Broncast:
                ins.Flags = _r.ReadByte();
                if (ins.Flags > 3)
                {
                    Throw.Malformed("malformed br_on_cast flags", _r.Offset - 1);
                }
                ins.A = _r.ReadU32();
                ins.Heap = ReadHeapType();
                ins.Heap2 = ReadHeapType();
                break;
            case ImmKind.Fence:
                if (_r.ReadByte() != 0)
                {
                    Throw.Malformed("zero byte expected", _r.Offset - 1);
                }
                break;
            default:
                Throw.Malformed("illegal opcode", ins.Offset);
                break;
        }
    }

    private void ReadMemArg(ref Instruction ins)
    {
        long at = _r.Offset;
        uint flags = _r.ReadU32();
        if (flags >= 128)
        {
            Throw.Malformed("malformed memop flags", at);
        }
        if ((flags & 0x40) != 0)
        {
            if ((_features & WasmFeatures.MultiMemory) == 0)
            {
                Throw.Malformed("malformed memop flags", at);
            }
            ins.B = _r.ReadU32();
        }
        ins.AlignLog2 = (byte)(flags & 0x3f);
        ins.Imm = (_features & WasmFeatures.Memory64) != 0 ? _r.ReadU64() : _r.ReadU32();
    }

    private void ReadBrTable(ref Instruction ins)
    {
        uint count = _r.ReadU32();
        if (count > (uint)_r.Remaining)
        {
            Throw.UnexpectedEnd(_r.Offset);
        }
        var buf = _buffers.Targets;
        if (buf.Length < count)
        {
            buf = _buffers.Targets = new uint[Math.Max(count, (uint)buf.Length * 2)];
        }
        for (int i = 0; i < count; i++)
        {
            buf[i] = _r.ReadU32();
        }
        ins.A = count;
        ins.B = _r.ReadU32();
    }

    private void ReadSelectTypes(ref Instruction ins)
    {
        uint count = _r.ReadU32();
        if (count > (uint)_r.Remaining)
        {
            Throw.UnexpectedEnd(_r.Offset);
        }
        var buf = _buffers.Types;
        if (buf.Length < count)
        {
            buf = _buffers.Types = new ValType[count];
        }
        for (int i = 0; i < count; i++)
        {
            buf[i] = TypeReader.ReadValType(ref _r, _features);
        }
        ins.A = count;
    }

    private void ReadCatches(ref Instruction ins)
    {
        uint count = _r.ReadU32();
        if (count > (uint)_r.Remaining)
        {
            Throw.UnexpectedEnd(_r.Offset);
        }
        var buf = _buffers.Catches;
        if (buf.Length < count)
        {
            buf = _buffers.Catches = new CatchClause[count];
        }
        for (int i = 0; i < count; i++)
        {
            long at = _r.Offset;
            byte kind = _r.ReadByte();
            if (kind > 3)
            {
                Throw.Malformed("malformed catch clause", at);
            }
            uint tag = kind < 2 ? _r.ReadU32() : 0;
            uint label = _r.ReadU32();
            buf[i] = new CatchClause(kind, tag, label);
        }
        ins.A = count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private BlockType ReadBlockType()
    {
        byte b = _r.PeekByte();
        if (b == 0x40)
        {
            _r.ReadByte();
            return BlockType.Empty;
        }
        if (b is 0x63 or 0x64 or (>= 0x69 and <= 0x74) or (>= 0x7b and <= 0x7f))
        {
            // A single result: a number or vector type, a shorthand reference type, or (ref null? ht).
            return BlockType.Of(TypeReader.ReadValType(ref _r, _features));
        }
        long at = _r.Offset;
        long idx = _r.ReadS33();
        if (idx < 0)
        {
            Throw.Malformed("malformed block type", at);
        }
        return BlockType.Index((int)Math.Min(idx, int.MaxValue));
    }

    private HeapType ReadHeapType() => TypeReader.ReadHeapType(ref _r, _features);
}
