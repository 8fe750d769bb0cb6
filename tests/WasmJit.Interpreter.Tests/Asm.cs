using System.Runtime.Intrinsics;

namespace WasmJit.Interpreter.Tests;

/// <summary>A tiny wasm code assembler for tests: opcodes from the opcode table, immediates LEB128-encoded.</summary>
internal sealed class Asm
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public Asm Op(Opcode op)
    {
        ref readonly var info = ref OpcodeTable.Info(op);
        if (info.Prefix != 0)
        {
            _bytes.Add(info.Prefix);
            U32(info.Code);
        }
        else
        {
            _bytes.Add((byte)info.Code);
        }
        return this;
    }

    /// <summary>An opcode with index-like immediates (labels, locals, functions, ...), each a u32.</summary>
    public Asm Op(Opcode op, params uint[] imms)
    {
        Op(op);
        foreach (var i in imms)
        {
            U32(i);
        }
        return this;
    }

    public Asm I32(int v)
    {
        Op(Opcode.I32Const);
        S64(v);
        return this;
    }

    public Asm I64(long v)
    {
        Op(Opcode.I64Const);
        S64(v);
        return this;
    }

    public Asm F32(float v)
    {
        Op(Opcode.F32Const);
        _bytes.AddRange(BitConverter.GetBytes(v));
        return this;
    }

    public Asm F64(double v)
    {
        Op(Opcode.F64Const);
        _bytes.AddRange(BitConverter.GetBytes(v));
        return this;
    }

    public Asm V128(Vector128<byte> v)
    {
        Op(Opcode.V128Const);
        for (int i = 0; i < 16; i++)
        {
            _bytes.Add(v.GetElement(i));
        }
        return this;
    }

    /// <summary>block/loop/if with an empty, single-value, or type-index block type.</summary>
    public Asm Block(Opcode op, ValType? result = null, int typeIndex = -1)
    {
        Op(op);
        if (typeIndex >= 0)
        {
            S64(typeIndex);
        }
        else if (result is ValType t)
        {
            ValType(t);
        }
        else
        {
            _bytes.Add(0x40);
        }
        return this;
    }

    public Asm Mem(Opcode op, ulong offset = 0, uint alignLog2 = 0, uint memory = 0)
    {
        Op(op);
        if (memory != 0)
        {
            U32(alignLog2 | 0x40);
            U32(memory);
        }
        else
        {
            U32(alignLog2);
        }
        U64(offset);
        return this;
    }

    public Asm BrTable(uint defaultLabel, params uint[] labels)
    {
        Op(Opcode.BrTable);
        U32((uint)labels.Length);
        foreach (var l in labels)
        {
            U32(l);
        }
        U32(defaultLabel);
        return this;
    }

    public Asm RefNull(int heapCode)
    {
        Op(Opcode.RefNull);
        S64(heapCode);
        return this;
    }

    public Asm End() => Op(Opcode.End);

    public Asm Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public Asm ValType(ValType t)
    {
        switch (t.Kind)
        {
            case ValKind.I32: _bytes.Add(0x7f); break;
            case ValKind.I64: _bytes.Add(0x7e); break;
            case ValKind.F32: _bytes.Add(0x7d); break;
            case ValKind.F64: _bytes.Add(0x7c); break;
            case ValKind.V128: _bytes.Add(0x7b); break;
            default:
                _bytes.Add(t.Nullable ? (byte)0x63 : (byte)0x64);
                S64(t.Heap.Code);
                break;
        }
        return this;
    }

    public Asm U32(uint v) => U64(v);

    public Asm U64(ulong v)
    {
        do
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            if (v != 0)
            {
                b |= 0x80;
            }
            _bytes.Add(b);
        }
        while (v != 0);
        return this;
    }

    public Asm S64(long v)
    {
        while (true)
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            _bytes.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return this;
            }
        }
    }
}
