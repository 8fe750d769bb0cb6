namespace WasmJit;

/// <summary>What follows an opcode in the binary format. One kind per shape of immediate.</summary>
internal enum ImmKind : byte
{
    None,
    Blocktype,
    Label,
    Brtable,
    Func,
    Callindirect,
    Type,
    Local,
    Global,
    Table,
    Memarg,
    Mem,
    I32,
    I64,
    F32,
    F64,
    V128,
    Shuffle,
    Lane,
    Memarglane,
    Heaptype,
    Selecttypes,
    Tabletable,
    Elemtable,
    Elem,
    Data,
    Datamem,
    Memmem,
    Tag,
    Trytable,
    Broncast,
    Typefield,
    Typecount,
    Typedata,
    Typeelem,
    Typetype,
    Fence,
}

/// <summary>Operand types of the simple instructions, as the table writes them.</summary>
internal enum SigType : byte
{
    None,
    I32,
    I64,
    F32,
    F64,
    V128,

    /// <summary>The index type (i32 or i64) of the memory that the instruction's memory immediate names.</summary>
    Addr,
}

/// <summary>One row of opcodes.tbl.</summary>
internal readonly record struct OpcodeInfo(
    Opcode Opcode,
    string Name,
    byte Prefix,
    uint Code,
    ImmKind Imm,
    WasmFeatures Feature,
    bool HasSignature,
    int PopCount,
    SigType Pop0,
    SigType Pop1,
    SigType Pop2,
    SigType Push,
    int NaturalAlignLog2)
{
    public SigType Pop(int i) => i switch { 0 => Pop0, 1 => Pop1, _ => Pop2 };
}
