using WasmJit.Binary;

namespace WasmJit.Runtime;

/// <summary>
/// Where fuel is charged in a function body, and how much: the one definition of fuel that every tier follows, so
/// the same program uses exactly the same fuel in the interpreter, the JIT, and tiered code that changes tier mid-run.
/// <para>
/// Fuel counts executed WebAssembly instructions, charged ahead per straight-line segment. The body is cut after
/// every control instruction (<c>ctrl</c> in opcodes.tbl: blocks, branches, calls, returns, throws); each cut is a
/// <b>charge point</b> whose cost is the number of instructions up to and including the next control instruction.
/// A tier charges a point's cost whenever execution arrives there, by falling through or by a branch (a loop
/// header is charged again on every back edge). Every way into a segment starts at its first instruction, so a
/// segment that runs to its end has been charged exactly its instruction count; a trap inside it has charged the
/// rest too (deterministically). Cuts after <c>block</c>, <c>try</c>, <c>try_table</c> and the non-tail calls are
/// not charge points: what follows them is reached only by falling through, so their cost is added to the point
/// before them (fewer checks; a call charges the code after it before the callee runs).
/// </para>
/// <para>
/// The charge itself: <c>fuel -= cost; if (fuel &lt; 0) { fuel += cost; throw WasmFuelExhaustedException }</c>, so
/// a segment that does not fit is not entered and the remaining fuel after exhaustion is deterministic too.
/// Tiers that enter code in the middle of a function (on-stack replacement) do so only at a loop header, before
/// its charge: the new tier charges it.
/// </para>
/// </summary>
internal sealed class FuelSegments
{
    private readonly int[] _offsets;
    private readonly int[] _costs;

    private FuelSegments(int[] offsets, int[] costs)
    {
        _offsets = offsets;
        _costs = costs;
    }

    /// <summary>Byte offsets (module-relative) of the first instruction of each charge point, ascending.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>The cost of each charge point, parallel to <see cref="Offsets"/>.</summary>
    public ReadOnlySpan<int> Costs => _costs;

    /// <summary>Scans the body of defined function <paramref name="funcIndex"/> (validated).</summary>
    public static FuelSegments Compute(WasmModule module, int funcIndex, WasmFeatures features)
    {
        var body = module.Bodies[funcIndex - module.ImportedFunctionCount];
        var code = module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength);
        var reader = new InstructionReader(code, body.CodeOffset, features, new InstructionBuffers());
        var offsets = new List<int>();
        var costs = new List<int>();
        bool cut = true;
        while (!reader.End)
        {
            reader.Read(out var ins);
            if (cut)
            {
                offsets.Add(ins.Offset);
                costs.Add(0);
                cut = false;
            }
            costs[^1]++;
            if (OpcodeTable.IsControl(ins.Op))
            {
                cut = !FallsThroughOnly(ins.Op);
            }
        }
        return new FuelSegments([.. offsets], [.. costs]);
    }

    /// <summary>Control instructions after which code is reached only by falling through (not a label).</summary>
    private static bool FallsThroughOnly(Opcode op) =>
        op is Opcode.Block or Opcode.Try or Opcode.TryTable or Opcode.Call or Opcode.CallIndirect or Opcode.CallRef;

    /// <summary>Walks the charge points in order while a tier translates the body front to back.</summary>
    public Cursor Start() => new(this);

    /// <summary>A forward-only lookup of charge points by instruction offset.</summary>
    public struct Cursor(FuelSegments segments)
    {
        private int _next;

        /// <summary>The cost to charge before the instruction at <paramref name="offset"/>, or 0 if it is no charge point.</summary>
        public int At(int offset)
        {
            var offsets = segments._offsets;
            while (_next < offsets.Length && offsets[_next] < offset)
            {
                _next++;
            }
            return _next < offsets.Length && offsets[_next] == offset ? segments._costs[_next] : 0;
        }
    }
}
