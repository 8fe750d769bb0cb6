using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmJit.Runtime;
using WasmJit.Runtime.Numerics;

namespace WasmJit.Interpreter;

/// <summary>The dispatch loop: control flow, calls, integer arithmetic, loads and stores. The rest is in ExecMisc/ExecSimd.</summary>
internal static unsafe partial class Interpreter
{
    /// <summary>
    /// Runs the thread's frames from the top one (at its saved <see cref="Frame.Pc"/>: 0 for a new activation) until
    /// the activation at <paramref name="frameBase"/> returns; false then. The generated copy <c>RunCold</c>
    /// (<see cref="ColdCopyAttribute"/>: same body, <see cref="IsColdCopy"/> true, no AggressiveOptimization, so
    /// ReadyToRun precompiles it) runs while the start-up warm-up is still compiling this method (~60 ms of RyuJIT):
    /// at its next call or loop back-edge after the warm-up ends it saves its place in the frames and returns true,
    /// and <see cref="Execute"/> continues in this optimised original. Without the copy a program's first instruction
    /// waited for that compilation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [ColdCopy("RunCold")]
    private static bool Run(ThreadFrames ts, WasmStack stack, int frameBase, int maxDepth)
    {
        const bool IsColdCopy = false;
        var frames = ts.Frames;
        int fc = ts.Count;
        ref Frame entry = ref frames[fc - 1];
        WasmFunction func = entry.Func;
        InterpretedCode code = entry.Code;
        Inst* start = code.Start;
        Inst* ip = start + entry.Pc;
        int fpIdx = entry.Fp;
        ulong* slots = stack.Slots;
        ulong* fp = slots + fpIdx;
        object?[] refs = stack.Refs;
        ModuleInstance inst = func.Instance;
        MemoryInstance mem0 = inst.Memories.Length > 0 ? inst.Memories[0] : null!;
        GlobalInstance[] globals = inst.Globals;
        FunctionInstance callee;
        int argBase;
        Inst* target;
        var engine = inst.Store.Engine;
        int callBudget = engine.CallBudget;
        int backEdgeBudget = engine.BackEdgeBudget;
        ExecutionLimiter lim = inst.Store.Limiter;

        while (true)
        {
            switch (ip->Op)
            {
                // ---- moves and constants ----
                case (int)IOp.Copy:
                    fp[ip->D] = fp[ip->A];
                    ip++;
                    continue;
                case (int)IOp.CopyV128:
                    fp[ip->D] = fp[ip->A];
                    fp[ip->D + 1] = fp[ip->A + 1];
                    ip++;
                    continue;
                case (int)IOp.CopyRef:
                    refs[fpIdx + ip->D] = refs[fpIdx + ip->A];
                    ip++;
                    continue;
                case (int)IOp.Const:
                    fp[ip->D] = (ulong)ip->X;
                    ip++;
                    continue;
                case (int)IOp.Fuel:
                    if ((lim.Fuel -= ip->X) < 0)
                    {
                        lim.ThrowOutOfFuel(ip->X);
                    }
                    ip++;
                    continue;

                // ---- branches ----
                case (int)IOp.Br:
                    goto jump;
                case (int)IOp.BrIf:
                    if ((uint)fp[ip->A] != 0) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrIfNot:
                    if ((uint)fp[ip->A] == 0) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32Eq:
                    if ((uint)fp[ip->A] == (uint)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32Ne:
                    if ((uint)fp[ip->A] != (uint)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32LtS:
                    if ((int)fp[ip->A] < (int)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32LtU:
                    if ((uint)fp[ip->A] < (uint)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32GtS:
                    if ((int)fp[ip->A] > (int)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32GtU:
                    if ((uint)fp[ip->A] > (uint)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32LeS:
                    if ((int)fp[ip->A] <= (int)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32LeU:
                    if ((uint)fp[ip->A] <= (uint)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32GeS:
                    if ((int)fp[ip->A] >= (int)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI32GeU:
                    if ((uint)fp[ip->A] >= (uint)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64Eq:
                    if (fp[ip->A] == fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64Ne:
                    if (fp[ip->A] != fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64LtS:
                    if ((long)fp[ip->A] < (long)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64LtU:
                    if (fp[ip->A] < fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64GtS:
                    if ((long)fp[ip->A] > (long)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64GtU:
                    if (fp[ip->A] > fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64LeS:
                    if ((long)fp[ip->A] <= (long)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64LeU:
                    if (fp[ip->A] <= fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64GeS:
                    if ((long)fp[ip->A] >= (long)fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64GeU:
                    if (fp[ip->A] >= fp[ip->B]) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64Eqz:
                    if (fp[ip->A] == 0) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrI64Nez:
                    if (fp[ip->A] != 0) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrOnNull:
                    if (refs[fpIdx + ip->A] is null) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrOnNonNull:
                    if (refs[fpIdx + ip->A] is not null) goto jump;
                    ip++;
                    continue;
                case (int)IOp.BrTable:
                    {
                        uint i = (uint)fp[ip->A];
                        uint last = (uint)ip->X - 1;
                        target = start + code.BrTables[ip->E + (int)Math.Min(i, last)];
                        goto jumpTo;
                    }

                // ---- calls and returns ----
                case (int)IOp.ReturnNum:
                    fp[0] = fp[ip->A];
                    goto doReturn;
                case (int)IOp.Return:
                    goto doReturn;
                case (int)IOp.Call:
                    callee = inst.Functions[ip->E];
                    argBase = ip->D;
                    goto doCall;
                case (int)IOp.CallIndirect:
                    callee = ResolveIndirect(inst, ip, fp);
                    argBase = ip->D;
                    goto doCall;
                case (int)IOp.CallRef:
                    callee = refs[fpIdx + ip->A] as FunctionInstance ?? NullFunction();
                    argBase = ip->D;
                    goto doCall;
                case (int)IOp.ReturnCall:
                    callee = inst.Functions[ip->E];
                    goto doTailCall;
                case (int)IOp.ReturnCallIndirect:
                    callee = ResolveIndirect(inst, ip, fp);
                    goto doTailCall;
                case (int)IOp.ReturnCallRef:
                    callee = refs[fpIdx + ip->A] as FunctionInstance ?? NullFunction();
                    goto doTailCall;

                // ---- parametric, variables, references ----
                case (int)IOp.Select:
                    fp[ip->D] = (uint)fp[ip->C] != 0 ? fp[ip->A] : fp[ip->B];
                    ip++;
                    continue;
                case (int)IOp.SelectV128:
                    {
                        int s = (uint)fp[ip->C] != 0 ? ip->A : ip->B;
                        fp[ip->D] = fp[s];
                        fp[ip->D + 1] = fp[s + 1];
                        ip++;
                        continue;
                    }
                case (int)IOp.SelectRef:
                    refs[fpIdx + ip->D] = (uint)fp[ip->C] != 0 ? refs[fpIdx + ip->A] : refs[fpIdx + ip->B];
                    ip++;
                    continue;
                case (int)IOp.GlobalGet:
                    fp[ip->D] = globals[ip->E].Bits;
                    ip++;
                    continue;
                case (int)IOp.GlobalGetV128:
                    {
                        var g = globals[ip->E];
                        fp[ip->D] = g.Bits;
                        fp[ip->D + 1] = g.High;
                        ip++;
                        continue;
                    }
                case (int)IOp.GlobalGetRef:
                    refs[fpIdx + ip->D] = globals[ip->E].Ref;
                    ip++;
                    continue;
                case (int)IOp.GlobalSet:
                    globals[ip->E].Bits = fp[ip->A];
                    ip++;
                    continue;
                case (int)IOp.GlobalSetV128:
                    {
                        var g = globals[ip->E];
                        g.Bits = fp[ip->A];
                        g.High = fp[ip->A + 1];
                        ip++;
                        continue;
                    }
                case (int)IOp.GlobalSetRef:
                    globals[ip->E].Ref = refs[fpIdx + ip->A];
                    ip++;
                    continue;
                case (int)IOp.RefNull:
                    refs[fpIdx + ip->D] = null;
                    ip++;
                    continue;
                case (int)IOp.RefFunc:
                    refs[fpIdx + ip->D] = inst.Functions[ip->E];
                    ip++;
                    continue;
                case (int)IOp.RefIsNull:
                    fp[ip->D] = B(refs[fpIdx + ip->A] is null);
                    ip++;
                    continue;
                case (int)IOp.RefAsNonNull:
                    if (refs[fpIdx + ip->A] is null)
                    {
                        Trap(TrapKind.NullReference);
                    }
                    ip++;
                    continue;
                case (int)Opcode.Unreachable:
                    Trap(TrapKind.Unreachable);
                    continue;

                // ---- i32 ----
                case (int)Opcode.I32Eqz: fp[ip->D] = B((uint)fp[ip->A] == 0); ip++; continue;
                case (int)Opcode.I32Eq: fp[ip->D] = B((uint)fp[ip->A] == (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32Ne: fp[ip->D] = B((uint)fp[ip->A] != (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32LtS: fp[ip->D] = B((int)fp[ip->A] < (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32LtU: fp[ip->D] = B((uint)fp[ip->A] < (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32GtS: fp[ip->D] = B((int)fp[ip->A] > (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32GtU: fp[ip->D] = B((uint)fp[ip->A] > (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32LeS: fp[ip->D] = B((int)fp[ip->A] <= (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32LeU: fp[ip->D] = B((uint)fp[ip->A] <= (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32GeS: fp[ip->D] = B((int)fp[ip->A] >= (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32GeU: fp[ip->D] = B((uint)fp[ip->A] >= (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32Clz: fp[ip->D] = (ulong)BitOperations.LeadingZeroCount((uint)fp[ip->A]); ip++; continue;
                case (int)Opcode.I32Ctz: fp[ip->D] = (ulong)BitOperations.TrailingZeroCount((uint)fp[ip->A]); ip++; continue;
                case (int)Opcode.I32Popcnt: fp[ip->D] = (ulong)BitOperations.PopCount((uint)fp[ip->A]); ip++; continue;
                case (int)Opcode.I32Add: fp[ip->D] = (uint)(fp[ip->A] + fp[ip->B]); ip++; continue;
                case (int)Opcode.I32Sub: fp[ip->D] = (uint)(fp[ip->A] - fp[ip->B]); ip++; continue;
                case (int)Opcode.I32Mul: fp[ip->D] = (uint)((uint)fp[ip->A] * (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32DivS: fp[ip->D] = (uint)ScalarOps.I32DivS((int)fp[ip->A], (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32DivU: fp[ip->D] = (uint)ScalarOps.I32DivU((int)fp[ip->A], (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32RemS: fp[ip->D] = (uint)ScalarOps.I32RemS((int)fp[ip->A], (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32RemU: fp[ip->D] = (uint)ScalarOps.I32RemU((int)fp[ip->A], (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32And: fp[ip->D] = fp[ip->A] & fp[ip->B]; ip++; continue;
                case (int)Opcode.I32Or: fp[ip->D] = fp[ip->A] | fp[ip->B]; ip++; continue;
                case (int)Opcode.I32Xor: fp[ip->D] = fp[ip->A] ^ fp[ip->B]; ip++; continue;
                case (int)Opcode.I32Shl: fp[ip->D] = (uint)((uint)fp[ip->A] << (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32ShrS: fp[ip->D] = (uint)((int)fp[ip->A] >> (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32ShrU: fp[ip->D] = (uint)fp[ip->A] >> (int)fp[ip->B]; ip++; continue;
                case (int)Opcode.I32Rotl: fp[ip->D] = BitOperations.RotateLeft((uint)fp[ip->A], (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32Rotr: fp[ip->D] = BitOperations.RotateRight((uint)fp[ip->A], (int)fp[ip->B]); ip++; continue;

                // ---- i64 ----
                case (int)Opcode.I64Eqz: fp[ip->D] = B(fp[ip->A] == 0); ip++; continue;
                case (int)Opcode.I64Eq: fp[ip->D] = B(fp[ip->A] == fp[ip->B]); ip++; continue;
                case (int)Opcode.I64Ne: fp[ip->D] = B(fp[ip->A] != fp[ip->B]); ip++; continue;
                case (int)Opcode.I64LtS: fp[ip->D] = B((long)fp[ip->A] < (long)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64LtU: fp[ip->D] = B(fp[ip->A] < fp[ip->B]); ip++; continue;
                case (int)Opcode.I64GtS: fp[ip->D] = B((long)fp[ip->A] > (long)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64GtU: fp[ip->D] = B(fp[ip->A] > fp[ip->B]); ip++; continue;
                case (int)Opcode.I64LeS: fp[ip->D] = B((long)fp[ip->A] <= (long)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64LeU: fp[ip->D] = B(fp[ip->A] <= fp[ip->B]); ip++; continue;
                case (int)Opcode.I64GeS: fp[ip->D] = B((long)fp[ip->A] >= (long)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64GeU: fp[ip->D] = B(fp[ip->A] >= fp[ip->B]); ip++; continue;
                case (int)Opcode.I64Clz: fp[ip->D] = (ulong)BitOperations.LeadingZeroCount(fp[ip->A]); ip++; continue;
                case (int)Opcode.I64Ctz: fp[ip->D] = (ulong)BitOperations.TrailingZeroCount(fp[ip->A]); ip++; continue;
                case (int)Opcode.I64Popcnt: fp[ip->D] = (ulong)BitOperations.PopCount(fp[ip->A]); ip++; continue;
                case (int)Opcode.I64Add: fp[ip->D] = fp[ip->A] + fp[ip->B]; ip++; continue;
                case (int)Opcode.I64Sub: fp[ip->D] = fp[ip->A] - fp[ip->B]; ip++; continue;
                case (int)Opcode.I64Mul: fp[ip->D] = fp[ip->A] * fp[ip->B]; ip++; continue;
                case (int)Opcode.I64DivS: fp[ip->D] = (ulong)ScalarOps.I64DivS((long)fp[ip->A], (long)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64DivU: fp[ip->D] = (ulong)ScalarOps.I64DivU((long)fp[ip->A], (long)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64RemS: fp[ip->D] = (ulong)ScalarOps.I64RemS((long)fp[ip->A], (long)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64RemU: fp[ip->D] = (ulong)ScalarOps.I64RemU((long)fp[ip->A], (long)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64And: fp[ip->D] = fp[ip->A] & fp[ip->B]; ip++; continue;
                case (int)Opcode.I64Or: fp[ip->D] = fp[ip->A] | fp[ip->B]; ip++; continue;
                case (int)Opcode.I64Xor: fp[ip->D] = fp[ip->A] ^ fp[ip->B]; ip++; continue;
                case (int)Opcode.I64Shl: fp[ip->D] = fp[ip->A] << (int)fp[ip->B]; ip++; continue;
                case (int)Opcode.I64ShrS: fp[ip->D] = (ulong)((long)fp[ip->A] >> (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64ShrU: fp[ip->D] = fp[ip->A] >> (int)fp[ip->B]; ip++; continue;
                case (int)Opcode.I64Rotl: fp[ip->D] = BitOperations.RotateLeft(fp[ip->A], (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64Rotr: fp[ip->D] = BitOperations.RotateRight(fp[ip->A], (int)fp[ip->B]); ip++; continue;
                case (int)Opcode.I32WrapI64: fp[ip->D] = (uint)fp[ip->A]; ip++; continue;
                case (int)Opcode.I64ExtendI32S: fp[ip->D] = (ulong)(long)(int)fp[ip->A]; ip++; continue;
                case (int)Opcode.I32Extend8S: fp[ip->D] = (uint)(int)(sbyte)fp[ip->A]; ip++; continue;
                case (int)Opcode.I32Extend16S: fp[ip->D] = (uint)(int)(short)fp[ip->A]; ip++; continue;
                case (int)Opcode.I64Extend8S: fp[ip->D] = (ulong)(long)(sbyte)fp[ip->A]; ip++; continue;
                case (int)Opcode.I64Extend16S: fp[ip->D] = (ulong)(long)(short)fp[ip->A]; ip++; continue;
                case (int)Opcode.I64Extend32S: fp[ip->D] = (ulong)(long)(int)fp[ip->A]; ip++; continue;

                // ---- f32 / f64 common arithmetic (the rest is in ExecMisc) ----
                case (int)Opcode.F32Add: fp[ip->D] = Bits(F32(fp[ip->A]) + F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F32Sub: fp[ip->D] = Bits(F32(fp[ip->A]) - F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F32Mul: fp[ip->D] = Bits(F32(fp[ip->A]) * F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F32Div: fp[ip->D] = Bits(F32(fp[ip->A]) / F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Add: fp[ip->D] = Bits(F64(fp[ip->A]) + F64(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Sub: fp[ip->D] = Bits(F64(fp[ip->A]) - F64(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Mul: fp[ip->D] = Bits(F64(fp[ip->A]) * F64(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Div: fp[ip->D] = Bits(F64(fp[ip->A]) / F64(fp[ip->B])); ip++; continue;
                // Common enough in numeric loops (nbody, mandelbrot) to stay out of ExecMisc's call.
                case (int)Opcode.F64Sqrt: fp[ip->D] = Bits(ScalarOps.F64Sqrt(F64(fp[ip->A]))); ip++; continue;
                case (int)Opcode.F32Sqrt: fp[ip->D] = Bits(ScalarOps.F32Sqrt(F32(fp[ip->A]))); ip++; continue;
                case (int)Opcode.F64Neg: fp[ip->D] = fp[ip->A] ^ 0x8000_0000_0000_0000UL; ip++; continue;
                case (int)Opcode.F64Abs: fp[ip->D] = fp[ip->A] & 0x7FFF_FFFF_FFFF_FFFFUL; ip++; continue;
                case (int)Opcode.F64ConvertI32S: fp[ip->D] = Bits((double)(int)fp[ip->A]); ip++; continue;
                case (int)Opcode.F64ConvertI32U: fp[ip->D] = Bits((double)(uint)fp[ip->A]); ip++; continue;
                case (int)Opcode.F64ConvertI64S: fp[ip->D] = Bits((double)(long)fp[ip->A]); ip++; continue;
                case (int)Opcode.F32ConvertI32S: fp[ip->D] = Bits((float)(int)fp[ip->A]); ip++; continue;
                case (int)Opcode.I32TruncF64S: fp[ip->D] = (uint)ScalarOps.I32TruncF64S(F64(fp[ip->A])); ip++; continue;
                case (int)Opcode.I64TruncF64S: fp[ip->D] = (ulong)ScalarOps.I64TruncF64S(F64(fp[ip->A])); ip++; continue;
                case (int)Opcode.F32Eq: fp[ip->D] = B(F32(fp[ip->A]) == F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F32Ne: fp[ip->D] = B(F32(fp[ip->A]) != F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F32Lt: fp[ip->D] = B(F32(fp[ip->A]) < F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F32Gt: fp[ip->D] = B(F32(fp[ip->A]) > F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F32Le: fp[ip->D] = B(F32(fp[ip->A]) <= F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F32Ge: fp[ip->D] = B(F32(fp[ip->A]) >= F32(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Eq: fp[ip->D] = B(F64(fp[ip->A]) == F64(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Ne: fp[ip->D] = B(F64(fp[ip->A]) != F64(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Lt: fp[ip->D] = B(F64(fp[ip->A]) < F64(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Gt: fp[ip->D] = B(F64(fp[ip->A]) > F64(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Le: fp[ip->D] = B(F64(fp[ip->A]) <= F64(fp[ip->B])); ip++; continue;
                case (int)Opcode.F64Ge: fp[ip->D] = B(F64(fp[ip->A]) >= F64(fp[ip->B])); ip++; continue;

                // ---- memory ----
                // Memory 0, 32-bit (anything else is IOp.MemAccess): address (u32)(A + B) + X for loads, (u32)(A + C) + X for stores.
                case (int)Opcode.I32Load: fp[ip->D] = Unsafe.ReadUnaligned<uint>(LoadEa(mem0, ip, fp, 4)); ip++; continue;
                case (int)Opcode.I64Load: fp[ip->D] = Unsafe.ReadUnaligned<ulong>(LoadEa(mem0, ip, fp, 8)); ip++; continue;
                case (int)Opcode.F32Load: fp[ip->D] = Unsafe.ReadUnaligned<uint>(LoadEa(mem0, ip, fp, 4)); ip++; continue;
                case (int)Opcode.F64Load: fp[ip->D] = Unsafe.ReadUnaligned<ulong>(LoadEa(mem0, ip, fp, 8)); ip++; continue;
                case (int)Opcode.I32Load8S: fp[ip->D] = (uint)(int)*(sbyte*)LoadEa(mem0, ip, fp, 1); ip++; continue;
                case (int)Opcode.I32Load8U: fp[ip->D] = *LoadEa(mem0, ip, fp, 1); ip++; continue;
                case (int)Opcode.I32Load16S: fp[ip->D] = (uint)(int)Unsafe.ReadUnaligned<short>(LoadEa(mem0, ip, fp, 2)); ip++; continue;
                case (int)Opcode.I32Load16U: fp[ip->D] = Unsafe.ReadUnaligned<ushort>(LoadEa(mem0, ip, fp, 2)); ip++; continue;
                case (int)Opcode.I64Load8S: fp[ip->D] = (ulong)(long)*(sbyte*)LoadEa(mem0, ip, fp, 1); ip++; continue;
                case (int)Opcode.I64Load8U: fp[ip->D] = *LoadEa(mem0, ip, fp, 1); ip++; continue;
                case (int)Opcode.I64Load16S: fp[ip->D] = (ulong)(long)Unsafe.ReadUnaligned<short>(LoadEa(mem0, ip, fp, 2)); ip++; continue;
                case (int)Opcode.I64Load16U: fp[ip->D] = Unsafe.ReadUnaligned<ushort>(LoadEa(mem0, ip, fp, 2)); ip++; continue;
                case (int)Opcode.I64Load32S: fp[ip->D] = (ulong)(long)Unsafe.ReadUnaligned<int>(LoadEa(mem0, ip, fp, 4)); ip++; continue;
                case (int)Opcode.I64Load32U: fp[ip->D] = Unsafe.ReadUnaligned<uint>(LoadEa(mem0, ip, fp, 4)); ip++; continue;
                case (int)Opcode.I32Store: Unsafe.WriteUnaligned(StoreEa(mem0, ip, fp, 4), (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64Store: Unsafe.WriteUnaligned(StoreEa(mem0, ip, fp, 8), fp[ip->B]); ip++; continue;
                case (int)Opcode.F32Store: Unsafe.WriteUnaligned(StoreEa(mem0, ip, fp, 4), (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.F64Store: Unsafe.WriteUnaligned(StoreEa(mem0, ip, fp, 8), fp[ip->B]); ip++; continue;
                case (int)Opcode.I32Store8: *StoreEa(mem0, ip, fp, 1) = (byte)fp[ip->B]; ip++; continue;
                case (int)Opcode.I32Store16: Unsafe.WriteUnaligned(StoreEa(mem0, ip, fp, 2), (ushort)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64Store8: *StoreEa(mem0, ip, fp, 1) = (byte)fp[ip->B]; ip++; continue;
                case (int)Opcode.I64Store16: Unsafe.WriteUnaligned(StoreEa(mem0, ip, fp, 2), (ushort)fp[ip->B]); ip++; continue;
                case (int)Opcode.I64Store32: Unsafe.WriteUnaligned(StoreEa(mem0, ip, fp, 4), (uint)fp[ip->B]); ip++; continue;
                case (int)Opcode.MemorySize:
                    {
                        var m = ip->E == 0 ? mem0 : inst.Memories[ip->E];
                        fp[ip->D] = m.SizeInPages;
                        ip++;
                        continue;
                    }
                case (int)Opcode.MemoryGrow:
                    {
                        var m = ip->E == 0 ? mem0 : inst.Memories[ip->E];
                        ulong delta = fp[ip->A];
                        long r = m.Grow(delta);
                        fp[ip->D] = m.Is64 ? (ulong)r : (uint)(int)r;
                        ip++;
                        continue;
                    }

                default:
                    if (ip->Op >= (int)Opcode.V128Load && ip->Op <= (int)Opcode.I32x4RelaxedDotI8x16I7x16AddS)
                    {
                        ExecSimd(ip, fp, inst, code);
                    }
                    else
                    {
                        ExecMisc(ip, fp, fpIdx, stack, inst);
                    }
                    ip++;
                    continue;
            }

        jump:
            target = start + ip->X;
        jumpTo:
            {
                // Every branch: a backward one is a loop back-edge (interrupt check, tier-up budget, cold hand-over).
                if (target <= ip)
                {
                    if (lim.Interrupt != 0)
                    {
                        lim.ThrowInterrupted();
                    }
                    if (++func.BackEdgeCount >= backEdgeBudget && HotLoop(func, code, (int)(target - start), stack, fpIdx))
                    {
                        // The compiled loop entry ran the rest of the function: its results are in the frame.
                        refs = stack.Refs;
                        goto doReturn;
                    }
                    if (IsColdCopy && ColdHandOver)
                    {
                        frames[fc - 1].Pc = (int)(target - start);
                        return true;
                    }
                }
                ip = target;
                continue;
            }

        doCall:
            {
                if (callee is WasmFunction wf && InterpretedCodeOf(wf) is InterpretedCode ic)
                {
                    frames[fc - 1].Pc = (int)(ip - start) + 1;
                    int nfp = fpIdx + argBase;
                    if (++stack.Depth > maxDepth)
                    {
                        Trap(TrapKind.CallStackExhausted);
                    }
                    if (lim.Interrupt != 0)
                    {
                        lim.ThrowInterrupted();
                    }
                    stack.CheckCapacity((long)nfp + ic.FrameSlots);
                    refs = stack.EnsureRefs(nfp + ic.FrameSlots);
                    if (fc == frames.Length)
                    {
                        Array.Resize(ref ts.Frames, fc * 2);
                        frames = ts.Frames;
                    }
                    frames[fc++] = new Frame { Func = wf, Code = ic, Fp = nfp };
                    ts.Count = fc;
                    fpIdx = nfp;
                    fp = slots + nfp;
                    InitFrame(ic, fp, refs, nfp);
                    if (++wf.CallCount == callBudget)
                    {
                        HotFunction(wf);
                    }
                    func = wf;
                    code = ic;
                    start = ic.Start;
                    ip = start;
                    if (wf.Instance != inst)
                    {
                        inst = wf.Instance;
                        mem0 = inst.Memories.Length > 0 ? inst.Memories[0] : null!;
                        globals = inst.Globals;
                    }
                    if (IsColdCopy && ColdHandOver)
                    {
                        // The callee's frame is set up with Pc 0: the optimised loop starts it.
                        return true;
                    }
                    continue;
                }
                stack.Top = fpIdx + code.FrameSlots;
                callee.Call(stack, fpIdx + argBase);
                refs = stack.Refs;
                ip++;
                continue;
            }

        doTailCall:
            {
                if (callee is WasmFunction wf && (InterpretedCodeOf(wf) ?? AbsorbedTailCallee(ts, wf)) is InterpretedCode ic)
                {
                    if (lim.Interrupt != 0)
                    {
                        lim.ThrowInterrupted();
                    }
                    stack.CheckCapacity((long)fpIdx + ic.FrameSlots);
                    refs = stack.EnsureRefs(fpIdx + ic.FrameSlots);
                    frames[fc - 1] = new Frame { Func = wf, Code = ic, Fp = fpIdx };
                    InitFrame(ic, fp, refs, fpIdx);
                    if (++wf.CallCount == callBudget)
                    {
                        HotFunction(wf);
                    }
                    func = wf;
                    code = ic;
                    start = ic.Start;
                    ip = start;
                    if (wf.Instance != inst)
                    {
                        inst = wf.Instance;
                        mem0 = inst.Memories.Length > 0 ? inst.Memories[0] : null!;
                        globals = inst.Globals;
                    }
                    continue;
                }
                stack.CheckCapacity((long)fpIdx + Math.Max(callee.ParamSlots, callee.ResultSlots));
                stack.Top = fpIdx + Math.Max(code.FrameSlots, Math.Max(callee.ParamSlots, callee.ResultSlots));
                stack.EnsureRefs(stack.Top);
                // A native call in tail position: counted while it runs (Execute restores the count after a trap).
                ts.NativeTailCalls++;
                callee.Call(stack, fpIdx);
                ts.NativeTailCalls--;
                refs = stack.Refs;
                goto doReturn;
            }

        doReturn:
            {
                stack.Depth--;
                frames[--fc] = default;
                ts.Count = fc;
                if (fc == frameBase)
                {
                    return false;
                }
                ref Frame f = ref frames[fc - 1];
                func = f.Func;
                code = f.Code;
                start = code.Start;
                ip = start + f.Pc;
                fpIdx = f.Fp;
                fp = slots + fpIdx;
                if (func.Instance != inst)
                {
                    inst = func.Instance;
                    mem0 = inst.Memories.Length > 0 ? inst.Memories[0] : null!;
                    globals = inst.Globals;
                }
                continue;
            }
        }
    }

    /// <summary>
    /// Native tail calls (into another tier) that may be live on this thread's stack before the interpreter runs
    /// tail-called compiled functions itself. Each one costs a few hundred bytes of native stack that a tail call
    /// must not keep: a cycle of tail calls between an interpreted and a compiled function (even/odd with
    /// return_call, one side tiered up) re-enters the interpreter through a bridge once per round, so without a bound
    /// it grows the .NET stack until "call stack exhausted" (100,000 rounds need far more than a thread has).
    /// </summary>
    internal const int MaxNativeTailCalls = 16;

    /// <summary>
    /// return_call to <paramref name="f"/>, whose code belongs to another tier (compiled): null to make the call
    /// natively (fast code, but one more nested native tail call), or, once <see cref="MaxNativeTailCalls"/> are live,
    /// <paramref name="f"/>'s interpreted code to run in this loop instead, where tail calls take no native stack
    /// (the interpreter is the trampoline of cross-tier tail-call chains). The entry slot keeps the compiled code.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InterpretedCode? AbsorbedTailCallee(ThreadFrames ts, WasmFunction f) =>
        ts.NativeTailCalls < MaxNativeTailCalls ? null : InterpreterEngine.Compile(f);

    /// <summary>A function reached the call budget: tell its store's engine (tiering policy).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HotFunction(WasmFunction f) => f.Instance.Store.Engine.OnHotFunction(f);

    /// <summary>
    /// The function took its back-edge budget; the back-edge just taken goes to instruction <paramref name="targetPc"/>.
    /// If the engine has compiled code that enters that loop, run the rest of the activation there (true: its
    /// results are in the frame) — the frame is exactly as the loop header expects it, since every value is homed
    /// at block entry.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool HotLoop(WasmFunction func, InterpretedCode code, int targetPc, WasmStack stack, int fpIdx)
    {
        func.BackEdgeCount = 0;
        int offset = code.LoopOffsetAt(targetPc);
        if (offset < 0)
        {
            return false;
        }
        var entry = func.Instance.Store.Engine.OnHotLoop(func, new LoopSite(offset, code.StackBase));
        if (entry is null)
        {
            return false;
        }
        stack.Top = fpIdx + code.FrameSlots;
        entry.Run(stack, fpIdx);
        return true;
    }

    private static FunctionInstance ResolveIndirect(ModuleInstance inst, Inst* ip, ulong* fp)
    {
        var table = inst.Tables[(int)ip->X];
        ulong i = fp[ip->A];
        if (i >= (ulong)table.Count)
        {
            Trap(TrapKind.UndefinedElement);
        }
        if (table.Elements[i] is not FunctionInstance f)
        {
            throw WasmTrapException.UninitializedElement(i);
        }
        var expected = inst.Types[ip->E];
        if (!ReferenceEquals(f.CanonicalType, expected) && !f.CanonicalType.IsSubtypeOf(expected))
        {
            Trap(TrapKind.IndirectCallTypeMismatch);
        }
        return f;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FunctionInstance NullFunction()
    {
        Trap(TrapKind.NullFunctionReference);
        return null!;
    }
}
