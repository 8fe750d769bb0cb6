using System.Runtime.Intrinsics;

namespace WasmJit.Binary;

/// <summary>A block type: empty, one value type, or a type index (multi-value).</summary>
internal readonly record struct BlockType(int TypeIndex, ValType Value, bool IsEmpty)
{
    public static BlockType Empty => new(-1, default, true);

    public static BlockType Of(ValType v) => new(-1, v, false);

    public static BlockType Index(int i) => new(i, default, false);

    public bool IsIndex => TypeIndex >= 0;
}

/// <summary>One <c>try_table</c> catch clause. Kind: 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref.</summary>
internal readonly record struct CatchClause(byte Kind, uint Tag, uint Label);

/// <summary>
/// One decoded instruction. Which fields mean something depends on <see cref="OpcodeInfo.Imm"/>:
/// <list type="bullet">
/// <item>label, func, local, global, table, type, mem, elem, data, tag, lane: <see cref="A"/>.</item>
/// <item>callindirect: <see cref="A"/> type, <see cref="B"/> table.</item>
/// <item>memarg: <see cref="AlignLog2"/>, <see cref="B"/> memory, <see cref="Imm"/> offset. memarglane adds <see cref="Lane"/>.</item>
/// <item>i32/i64: <see cref="Imm"/> (sign-extended); f32/f64: <see cref="Imm"/> holds the bits.</item>
/// <item>v128, shuffle: <see cref="V128"/>.</item>
/// <item>blocktype, trytable: <see cref="Block"/>; trytable's clauses in the reader's <c>Catches</c> (count in <see cref="A"/>).</item>
/// <item>brtable: <see cref="A"/> target count (without the default), <see cref="B"/> default; targets in the reader's <c>Targets</c>.</item>
/// <item>heaptype: <see cref="Heap"/>. broncast: <see cref="Flags"/>, <see cref="A"/> label, <see cref="Heap"/>, <see cref="Heap2"/>.</item>
/// <item>selecttypes: <see cref="A"/> count, types in the reader's <c>Types</c>.</item>
/// <item>tabletable, memmem: <see cref="A"/> destination, <see cref="B"/> source. elemtable: A elem, B table. datamem: A data, B memory.</item>
/// <item>typefield, typecount, typedata, typeelem, typetype: <see cref="A"/> type, <see cref="B"/> second immediate.</item>
/// </list>
/// </summary>
internal struct Instruction
{
    public Opcode Op;

    /// <summary>Absolute module offset of the first byte of the opcode.</summary>
    public int Offset;
    public uint A;
    public uint B;
    public ulong Imm;
    public byte AlignLog2;
    public byte Lane;
    public byte Flags;
    public BlockType Block;
    public HeapType Heap;
    public HeapType Heap2;
    public Vector128<byte> V128;

    public readonly ref readonly OpcodeInfo Info => ref OpcodeTable.Info(Op);
}
