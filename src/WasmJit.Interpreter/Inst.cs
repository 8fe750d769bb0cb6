using System.Runtime.InteropServices;

namespace WasmJit.Interpreter;

/// <summary>
/// One instruction of the interpreter's flat, register-style IR (see RATIONALE.md). Operands are frame slots
/// (offsets from the frame pointer), so no operand stack is pushed or popped at run time.
/// <list type="bullet">
/// <item><see cref="Op"/>: an <see cref="Opcode"/> value for instructions that keep their wasm meaning, or an
/// <see cref="IOp"/> value (&gt;= <see cref="IOps.First"/>) for the interpreter's own forms.</item>
/// <item><see cref="D"/>: destination slot. <see cref="A"/>, <see cref="B"/>, <see cref="C"/>: source slots, in
/// wasm operand order.</item>
/// <item><see cref="E"/>: first index immediate (memory index, with a lane in bits 24.. for lane accesses; table,
/// global, function, type, lane, pool index).</item>
/// <item><see cref="X"/>: 64-bit immediate: memory offset, branch target, second index immediate, constant.</item>
/// </list>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Inst
{
    public int Op;
    public int D;
    public int A;
    public int B;
    public int C;
    public int E;
    public long X;

    public override readonly string ToString() =>
        $"{(Op >= IOps.First ? ((IOp)Op).ToString() : OpcodeTable.Name((Opcode)Op))} d={D} a={A} b={B} c={C} e={E} x={X}";
}
