namespace WasmJit.Interpreter;

/// <summary>
/// The interpreter's own instruction forms, numbered from <see cref="IOps.First"/>, after every <see cref="Opcode"/> so one <c>switch</c> covers
/// both. Wasm instructions whose meaning carries over unchanged (arithmetic, loads, stores, SIMD, tables...) keep
/// their <see cref="Opcode"/> value; control flow, calls, moves and fused forms are listed here.
/// </summary>
internal enum IOp
{
    /// <summary>fp[D] = fp[A] (one numeric slot). The first interpreter-only form (see <see cref="IOps.First"/>).</summary>
    Copy = IOps.First,

    /// <summary>fp[D..D+1] = fp[A..A+1].</summary>
    CopyV128,

    /// <summary>refs[D] = refs[A].</summary>
    CopyRef,

    /// <summary>fp[D] = X.</summary>
    Const,

    /// <summary>Jump to X.</summary>
    Br,

    /// <summary>Jump to X if fp[A] (i32) is non-zero.</summary>
    BrIf,

    /// <summary>Jump to X if fp[A] (i32) is zero.</summary>
    BrIfNot,

    // Fused compare-and-branch: jump to X if fp[A] op fp[B] (i32).
    BrI32Eq,
    BrI32Ne,
    BrI32LtS,
    BrI32LtU,
    BrI32GtS,
    BrI32GtU,
    BrI32LeS,
    BrI32LeU,
    BrI32GeS,
    BrI32GeU,

    // Same for i64.
    BrI64Eq,
    BrI64Ne,
    BrI64LtS,
    BrI64LtU,
    BrI64GtS,
    BrI64GtU,
    BrI64LeS,
    BrI64LeU,
    BrI64GeS,
    BrI64GeU,

    /// <summary>Jump to X if fp[A] (i64) is zero / non-zero.</summary>
    BrI64Eqz,
    BrI64Nez,

    /// <summary>Index fp[A]; targets are code.BrTables[E .. E + X] (the last one is the default).</summary>
    BrTable,

    /// <summary>Return; results are already in slots 0...</summary>
    Return,

    /// <summary>fp[0] = fp[A]; return.</summary>
    ReturnNum,

    /// <summary>Call function E; arguments from slot D, results written back from D.</summary>
    Call,

    /// <summary>Call through table X, element fp[A], expected type E; arguments at D.</summary>
    CallIndirect,

    /// <summary>Call the function reference refs[A] (type E); arguments at D.</summary>
    CallRef,

    /// <summary>Tail call function E; arguments already moved to slot 0.</summary>
    ReturnCall,

    /// <summary>Tail call through table X, element fp[A], type E.</summary>
    ReturnCallIndirect,

    /// <summary>Tail call refs[A] (type E).</summary>
    ReturnCallRef,

    /// <summary>fp[D] = fp[C] != 0 ? fp[A] : fp[B] (numeric).</summary>
    Select,
    SelectV128,
    SelectRef,

    /// <summary>fp[D] = global E.</summary>
    GlobalGet,
    GlobalGetV128,
    GlobalGetRef,

    /// <summary>global E = fp[A].</summary>
    GlobalSet,
    GlobalSetV128,
    GlobalSetRef,

    /// <summary>refs[D] = null.</summary>
    RefNull,

    /// <summary>refs[D] = function E of the instance.</summary>
    RefFunc,

    /// <summary>fp[D] = refs[A] is null.</summary>
    RefIsNull,

    /// <summary>Trap if refs[A] is null.</summary>
    RefAsNonNull,

    /// <summary>Jump to X if refs[A] is null / is not null.</summary>
    BrOnNull,
    BrOnNonNull,

    /// <summary>Trap: the body uses something this tier cannot run (message in the code's string pool at E).</summary>
    NotSupported,

    /// <summary>
    /// A scalar load or store (the <see cref="Opcode"/> in C) on memory E when that is not a 32-bit memory 0: address
    /// fp[A], offset X, value fp[B] / result fp[D]. The main loop's own load/store cases are for memory 0 only.
    /// </summary>
    MemAccess,

    /// <summary>Fuel metering: charge X (a <see cref="Runtime.FuelSegments"/> charge point), trapping when it does not fit.</summary>
    Fuel,

}

/// <summary>Numbering of <see cref="IOp"/>.</summary>
internal static class IOps
{
    /// <summary>Above every <see cref="Opcode"/> value, so one switch can dispatch both.</summary>
    public const int First = 1024;
}
