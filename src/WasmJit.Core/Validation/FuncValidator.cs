using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using WasmJit.Binary;

namespace WasmJit.Validation;

/// <summary>What opened a control frame.</summary>
internal enum ControlKind : byte
{
    /// <summary>The implicit block of the function body (or of a constant expression).</summary>
    Function,
    Block,
    Loop,
    If,
    Else,

    /// <summary>Legacy <c>try</c> before its first handler.</summary>
    Try,

    /// <summary>Legacy <c>catch</c> handler.</summary>
    Catch,

    /// <summary>Legacy <c>catch_all</c> handler.</summary>
    CatchAll,
    TryTable,
}

/// <summary>One entry of the control stack (the spec algorithm's <c>ctrl_frame</c>).</summary>
internal struct ControlFrame
{
    public ControlKind Kind;

    /// <summary>Set after an unconditional branch: the rest of the block is stack-polymorphic.</summary>
    public bool Unreachable;

    /// <summary>Operand stack height when the frame was entered (its parameters excluded).</summary>
    public int Height;

    /// <summary>Height of the local-initialisation stack when the frame was entered.</summary>
    public int InitHeight;

    /// <summary>Offset of the instruction that opened the frame.</summary>
    public int Offset;

    /// <summary>Block parameters (for legacy <c>catch</c>: the tag's parameters). Do not mutate.</summary>
    public ValType[] StartTypes;

    /// <summary>Block results. Do not mutate.</summary>
    public ValType[] EndTypes;

    /// <summary>The types a branch to this frame's label carries: parameters for <c>loop</c>, results otherwise.</summary>
    public readonly ValType[] LabelTypes => Kind == ControlKind.Loop ? StartTypes : EndTypes;
}

/// <summary>
/// Validates function bodies and constant expressions with the operand and control stacks of the spec's
/// validation algorithm (https://webassembly.github.io/spec/core/appendix/algorithm.html), for Wasm 3.0
/// (GC, typed function references, exceptions, tail calls, memory64, multi-memory, SIMD) plus threads and
/// legacy exceptions.
/// <para>
/// <b>Contract for engines (lockstep use).</b> One instance per thread; buffers are reused from one function
/// to the next, so validating a function allocates nothing once they have grown.
/// <code>
/// var v = new FuncValidator(module.Context!);
/// var r = v.Begin(funcIndex, buffers);          // reads the locals; r is positioned on the first instruction
/// while (!v.IsFinished) {
///     r.Read(out Instruction ins);              // throws "unexpected end"/"illegal opcode" (malformed)
///     // ... before Step: StackType(k) is the type of the k-th operand from the top that ins consumes
///     v.Step(in ins, ref r);                    // throws WasmInvalidException on a type error
///     // ... after Step: the stack holds ins's results; for end the frame is gone (its results pushed)
/// }
/// v.Finish(ref r);                              // "section size mismatch" when bytes follow the final end
/// </code>
/// Queries, valid between steps:
/// <list type="bullet">
/// <item><see cref="StackHeight"/>, <see cref="StackType"/>(k) (0 = top): the operand stack. Entries pushed in
/// unreachable code may be the bottom type (<see cref="ValKind.Bot"/>), whose value is never produced at run time.</item>
/// <item><see cref="ControlDepth"/>, <see cref="Frame"/>(k) (0 = innermost): kind, start and end types, entry
/// height, unreachable flag, <see cref="ControlFrame.LabelTypes"/>. <c>br k</c> targets <c>Frame(k)</c>.</item>
/// <item><see cref="IsUnreachable"/>: the current code is dead (after br, return, unreachable, throw...).</item>
/// <item><see cref="Locals"/>: parameter and local types; <see cref="ParamCount"/>; <see cref="Results"/>.</item>
/// </list>
/// For <c>br_table</c>, <c>try_table</c> and <c>select_t</c> the reader's scratch lists (targets, catches,
/// types) are still valid after Step. A constant expression is validated with <see cref="BeginConstExpr"/>
/// instead of Begin.
/// </para>
/// </summary>
internal sealed partial class FuncValidator
{
    private static readonly ValType[] s_none = [];
    private static readonly ValType[] s_i32 = [ValType.I32];
    private static readonly ValType[] s_i64 = [ValType.I64];
    private static readonly ValType[] s_f32 = [ValType.F32];
    private static readonly ValType[] s_f64 = [ValType.F64];
    private static readonly ValType[] s_v128 = [ValType.V128];

    private readonly ModuleContext _ctx;
    private readonly ModuleTypes _types;
    private readonly WasmModule _module;
    private readonly Dictionary<ValType, ValType[]> _singles = [];
    private readonly List<ValType> _localList = [];

    private ValType[] _vals = new ValType[64];
    private int _valCount;
    private ControlFrame[] _ctrls = new ControlFrame[16];
    private int _ctrlCount;

    private ValType[] _locals = new ValType[16];
    private int _localCount;
    private int _paramCount;
    private bool[] _localInit = new bool[16];
    private int[] _initStack = new int[16];
    private int _initCount;
    private ValType[] _scratch = new ValType[16];
    private ValType[] _results = s_none;

    // Constant-expression mode (BeginConstExpr).
    private bool _constMode;
    private int _constGlobalLimit;

    public FuncValidator(ModuleContext context)
    {
        _ctx = context;
        _types = context.Types;
        _module = context.Module;
    }

    public ModuleContext Context => _ctx;

    /// <summary>Index of the function being validated, or -1 for a constant expression.</summary>
    public int FunctionIndex { get; private set; } = -1;

    public int StackHeight => _valCount;

    /// <summary>Type of the operand <paramref name="depth"/> places below the top (0 = top).</summary>
    public ValType StackType(int depth) => _vals[_valCount - 1 - depth];

    public int ControlDepth => _ctrlCount;

    /// <summary>The control frame <paramref name="depth"/> levels out (0 = innermost, the label of <c>br 0</c>).</summary>
    public ref readonly ControlFrame Frame(int depth) => ref _ctrls[_ctrlCount - 1 - depth];

    public bool IsFinished => _ctrlCount == 0;

    public bool IsUnreachable => _ctrlCount > 0 && _ctrls[_ctrlCount - 1].Unreachable;

    /// <summary>Parameters followed by declared locals.</summary>
    public ReadOnlySpan<ValType> Locals => _locals.AsSpan(0, _localCount);

    public int ParamCount => _paramCount;

    /// <summary>The function's result types (the return label).</summary>
    public ReadOnlySpan<ValType> Results => _results;

    /// <summary>
    /// Starts validating function <paramref name="funcIndex"/> (a defined function): reads its locals and returns
    /// a reader over its instructions that uses <paramref name="buffers"/> for variable-length immediates.
    /// </summary>
    public InstructionReader Begin(int funcIndex, InstructionBuffers buffers)
    {
        var body = _module.Bodies[funcIndex - _module.ImportedFunctionCount];
        var bytes = _module.Bytes.Span;
        var r = new WasmReader(bytes.Slice(body.Offset, body.Length), body.Offset);
        var type = _ctx.FunctionType(funcIndex);
        _localList.Clear();
        LocalsReader.Read(ref r, _ctx.Features, _localList);
        BeginLocals(type, r.Offset);
        FunctionIndex = funcIndex;
        _constMode = false;
        _results = type.Results;
        ResetStacks();
        PushCtrl(ControlKind.Function, s_none, type.Results, body.Offset);
        int codeStart = r.Position;
        return new InstructionReader(bytes.Slice(body.Offset + codeStart, body.Length - codeStart), body.Offset + codeStart, _ctx.Features, buffers);
    }

    private void BeginLocals(FuncType type, long offset)
    {
        int n = type.Params.Length + _localList.Count;
        if (_locals.Length < n)
        {
            int size = Math.Max(n, _locals.Length * 2);
            _locals = new ValType[size];
            _localInit = new bool[size];
            _initStack = new int[size];
        }
        type.Params.CopyTo(_locals, 0);
        for (int i = 0; i < type.Params.Length; i++)
        {
            _localInit[i] = true;
        }
        for (int i = 0; i < _localList.Count; i++)
        {
            var t = _localList[i];
            CheckValType(t, offset);
            _locals[type.Params.Length + i] = t;
            _localInit[type.Params.Length + i] = t.IsDefaultable;
        }
        _paramCount = type.Params.Length;
        _localCount = n;
        _initCount = 0;
    }

    private void ResetStacks()
    {
        _valCount = 0;
        _ctrlCount = 0;
    }

    /// <summary>Checks that the code ended exactly after the function's final <c>end</c>.</summary>
    public void Finish(ref InstructionReader r)
    {
        if (_ctrlCount != 0)
        {
            Throw.Malformed("END opcode expected", r.Offset);
        }
        if (!r.End)
        {
            Throw.Malformed("section size mismatch", r.Offset);
        }
    }

    /// <summary>Validates a whole defined function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ValidateFunction(int funcIndex, InstructionBuffers buffers)
    {
        var r = Begin(funcIndex, buffers);
        while (_ctrlCount != 0)
        {
            if (r.End)
            {
                // The reference decoder reads a body within its declared size: running out of bytes while a block
                // is still open is an end-of-input error, not a wrong opcode (binary.wast, br_table count mismatch).
                Throw.Malformed("unexpected end of section or function", r.Offset);
            }
            r.Read(out Instruction ins);
            Step(in ins, ref r);
        }
        Finish(ref r);
    }

    // ---------------------------------------------------------------- operand stack

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(ValType t)
    {
        if (_valCount == _vals.Length)
        {
            Array.Resize(ref _vals, _vals.Length * 2);
        }
        _vals[_valCount++] = t;
    }

    private void PushVals(ReadOnlySpan<ValType> types)
    {
        foreach (var t in types)
        {
            Push(t);
        }
    }

    /// <summary>Pops any operand (the bottom type in polymorphic unreachable code).</summary>
    private ValType PopAny(int offset)
    {
        ref var frame = ref _ctrls[_ctrlCount - 1];
        if (_valCount == frame.Height)
        {
            if (frame.Unreachable)
            {
                return ValType.Bot;
            }
            ThrowEmptyPop(default, hasExpected: false, offset);
        }
        return _vals[--_valCount];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValType Pop(ValType expected, int offset)
    {
        ref var frame = ref _ctrls[_ctrlCount - 1];
        if (_valCount > frame.Height)
        {
            var actual = _vals[_valCount - 1];
            if (actual == expected || _types.IsSubtype(actual, expected))
            {
                _valCount--;
                return actual;
            }
            ThrowMismatch(expected, actual, offset);
        }
        if (!frame.Unreachable)
        {
            ThrowEmptyPop(expected, hasExpected: true, offset);
        }
        return ValType.Bot;
    }

    /// <summary>Pops any reference; the bottom type comes back as <c>(ref bot)</c>.</summary>
    private ValType PopRef(int offset)
    {
        var t = PopAny(offset);
        if (t.Kind == ValKind.Bot)
        {
            return ValType.Ref(HeapType.Bot, false);
        }
        if (t.Kind != ValKind.Ref)
        {
            FailType("type mismatch: instruction requires [ref] but stack has", t, offset);
        }
        return t;
    }

    private void PopVals(ReadOnlySpan<ValType> types, int offset)
    {
        for (int i = types.Length - 1; i >= 0; i--)
        {
            Pop(types[i], offset);
        }
    }

    /// <summary>Pops <paramref name="types"/> and returns the actual types popped (in stack order) in the scratch buffer.</summary>
    private ReadOnlySpan<ValType> PopValsActual(ReadOnlySpan<ValType> types, int offset)
    {
        if (_scratch.Length < types.Length)
        {
            _scratch = new ValType[Math.Max(types.Length, _scratch.Length * 2)];
        }
        for (int i = types.Length - 1; i >= 0; i--)
        {
            _scratch[i] = Pop(types[i], offset);
        }
        return _scratch.AsSpan(0, types.Length);
    }

    // ---------------------------------------------------------------- control stack

    private void PushCtrl(ControlKind kind, ValType[] start, ValType[] end, int offset)
    {
        if (_ctrlCount == _ctrls.Length)
        {
            Array.Resize(ref _ctrls, _ctrls.Length * 2);
        }
        ref var f = ref _ctrls[_ctrlCount++];
        f.Kind = kind;
        f.StartTypes = start;
        f.EndTypes = end;
        f.Height = _valCount;
        f.InitHeight = _initCount;
        f.Unreachable = false;
        f.Offset = offset;
        PushVals(start);
    }

    private ControlFrame PopCtrl(int offset)
    {
        ref var frame = ref _ctrls[_ctrlCount - 1];
        var end = frame.EndTypes;
        for (int i = end.Length - 1; i >= 0; i--)
        {
            Pop(end[i], offset);
        }
        if (_valCount != frame.Height)
        {
            ThrowBlockMismatch(end, frame.Height, offset);
        }
        ResetLocals(frame.InitHeight);
        _ctrlCount--;
        return frame;
    }

    private void SetUnreachable()
    {
        ref var frame = ref _ctrls[_ctrlCount - 1];
        _valCount = frame.Height;
        frame.Unreachable = true;
    }

    private ref ControlFrame Label(uint depth, int offset)
    {
        if (depth >= (uint)_ctrlCount)
        {
            FailIndex("unknown label", depth, offset);
        }
        return ref _ctrls[_ctrlCount - 1 - (int)depth];
    }

    // ---------------------------------------------------------------- locals

    private void ResetLocals(int height)
    {
        while (_initCount > height)
        {
            _localInit[_initStack[--_initCount]] = false;
        }
    }

    private void SetLocal(int index)
    {
        if (!_localInit[index])
        {
            _localInit[index] = true;
            _initStack[_initCount++] = index;
        }
    }

    private int LocalIndex(uint index, int offset)
    {
        if (index >= (uint)_localCount)
        {
            FailIndex("unknown local", index, offset);
        }
        return (int)index;
    }

    // ---------------------------------------------------------------- types

    /// <summary>An array holding just <paramref name="t"/>, shared so block types allocate once per type.</summary>
    private ValType[] Single(ValType t)
    {
        switch (t.Kind)
        {
            case ValKind.I32: return s_i32;
            case ValKind.I64: return s_i64;
            case ValKind.F32: return s_f32;
            case ValKind.F64: return s_f64;
            case ValKind.V128: return s_v128;
        }
        if (!_singles.TryGetValue(t, out var a))
        {
            a = [t];
            _singles.Add(t, a);
        }
        return a;
    }

    private void CheckValType(ValType t, long offset)
    {
        if (t.Kind == ValKind.Ref)
        {
            CheckHeapType(t.Heap, offset);
        }
    }

    private void CheckHeapType(HeapType h, long offset)
    {
        if (h.IsConcrete && h.TypeIndex >= _types.Count)
        {
            FailIndex("unknown type", h.TypeIndex, offset);
        }
    }

    private SubType TypeAt(uint index, int offset)
    {
        if (index >= (uint)_types.Count)
        {
            FailIndex("unknown type", index, offset);
        }
        return _types[(int)index];
    }

    private FuncType FuncTypeAt(uint index, int offset)
    {
        var st = TypeAt(index, offset);
        if (st.Kind != CompositeKind.Func)
        {
            FailIndex("type mismatch: not a function type:", index, offset);
        }
        return st.Func!;
    }

    private void BlockSignature(in BlockType bt, int offset, out ValType[] start, out ValType[] end)
    {
        if (bt.IsEmpty)
        {
            start = s_none;
            end = s_none;
        }
        else if (bt.IsIndex)
        {
            var ft = TypeAt((uint)bt.TypeIndex, offset);
            if (ft.Kind != CompositeKind.Func)
            {
                FailIndex("unknown type", bt.TypeIndex, offset);
            }
            start = ft.Func!.Params;
            end = ft.Func!.Results;
        }
        else
        {
            CheckValType(bt.Value, offset);
            start = s_none;
            end = Single(bt.Value);
        }
    }

    // ---------------------------------------------------------------- errors
    // Messages are formatted only in these cold helpers: an interpolated string in a hot method would make the
    // JIT zero its handler struct on every call.

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailIndex(string what, long index, long offset) =>
        Throw.Invalid(what + " " + index.ToString(System.Globalization.CultureInfo.InvariantCulture), offset);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailType(string what, ValType t, long offset) => Throw.Invalid(what + " [" + t + "]", offset);

    [DoesNotReturn]
    private static void ThrowMismatch(ValType expected, ValType actual, int offset) =>
        Throw.Invalid($"type mismatch: instruction requires [{expected}] but stack has [{actual}]", offset);

    [DoesNotReturn]
    private static void ThrowEmptyPop(ValType expected, bool hasExpected, int offset) =>
        Throw.Invalid($"type mismatch: instruction requires [{(hasExpected ? expected.ToString() : "any")}] but stack has []", offset);

    [DoesNotReturn]
    private void ThrowBlockMismatch(ValType[] end, int height, int offset)
    {
        var sb = new StringBuilder("type mismatch: block requires [");
        sb.AppendJoin(' ', end);
        sb.Append("] but stack has [");
        for (int i = height; i < _valCount; i++)
        {
            sb.Append(i == height ? "" : " ").Append(_vals[i]);
        }
        sb.Append(']');
        Throw.Invalid(sb.ToString(), offset);
    }
}
