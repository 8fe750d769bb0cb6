using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmJit.Binary;

namespace WasmJit.Interpreter;

/// <summary>
/// Translates one validated function body into <see cref="InterpretedCode"/> in a single pass (see RATIONALE.md).
/// It tracks an abstract operand stack whose entries say where each value lives: in its "home" slot (the slot
/// fixed for that stack height), in a local's slot (a deferred <c>local.get</c>) or in the constant pool. Each
/// instruction reads its operands wherever they are and writes its result to the home slot, so local.get and
/// constants cost nothing at run time. Deferred entries are copied home before anything that could observe the
/// difference: a write to the local, a block boundary, a branch, a call.
/// </summary>
internal sealed partial class Translator
{
    /// <summary>Most constant-pool slots per function; further constants are materialised with <see cref="IOp.Const"/>.</summary>
    private const int MaxConstSlots = 256;

    private enum Cls : byte
    {
        Num,
        V128,
        Ref,
    }

    private struct Entry
    {
        public Cls Cls;
        public int Slot;
        public int Home;
    }

    private enum CtrlKind : byte
    {
        Func,
        Block,
        Loop,
        If,
        Else,
    }

    private sealed class Ctrl
    {
        public CtrlKind Kind;
        public int StartSp;
        public int StartHeight;
        public ValType[] Params = [];
        public ValType[] Results = [];
        public int LoopPc;
        public int ElseFixup;
        public bool EndReachable;
        public readonly List<int> Fixups = [];

        public ValType[] Carried => Kind == CtrlKind.Loop ? Params : Results;
    }

    private readonly WasmModule _module;
    private readonly WasmFeatures _features;
    private readonly int _funcIndex;
    private readonly FuncType _type;

    /// <summary>
    /// The code buffer of this thread's previous translation, reused: <see cref="InterpretedCode"/> copies what it
    /// keeps, and growing a fresh buffer for each of the thousands of functions a big program calls at start-up
    /// doubled the garbage of translation (python.wasm: 35 MB allocated for 8 MB of code, three GCs).
    /// </summary>
    [ThreadStatic]
    private static Inst[]? t_codeBuffer;

    /// <summary>Instructions (of 32 bytes) beyond which a thread does not keep its buffer.</summary>
    private const int MaxKeptCodeBuffer = 1 << 16;

    private Inst[] _code = TakeCodeBuffer();
    private int _pc;
    private Entry[] _stack = new Entry[32];
    private int _sp;
    private int _height;
    private int _maxHeight;
    private readonly List<Ctrl> _ctrls = [];
    private readonly List<Ctrl> _ctrlPool = [];
    private bool _unreachable;
    private int _skipDepth;

    private int[] _localSlot = [];
    private Cls[] _localCls = [];
    private int _localsEnd;
    private int _constBase;
    private int _constCap;
    private int _stackBase;
    private readonly List<ulong> _consts = [];
    private readonly Dictionary<(ulong, ulong, bool), int> _constMap = [];
    private readonly List<int> _brTables = [];
    private readonly List<(int Pc, int Offset)> _loops = [];
    // Not a List<Vector128<byte>>: a call taking a Vector128 by value keeps crossgen2 from precompiling the caller
    // (ReadyToRun calls that ABI unstable), so the translator would start on tier-0 code. Same for PushConstV128's `in`.
    private Vector128<byte>[] _v128Pool = [];
    private int _v128Count;
    private readonly List<string> _messages = [];

    /// <summary>Is memory 0 a 32-bit memory (its loads and stores take the main loop's fast path)?</summary>
    private bool _fastMemory;

    /// <summary>A constant-pool slot holding 0: the second address operand of an unfused load or store.</summary>
    private int _zeroSlot = -1;

    /// <summary>First instruction of the current straight-line run: nothing before it may be rewritten.</summary>
    private int _barrier;

    /// <summary>The last instruction whose only effect is writing slot D (may be retargeted or fused), or -1.</summary>
    private int _lastProducer = -1;

    /// <summary>Fuel charge points (null: no metering, no charges emitted).</summary>
    private readonly Runtime.FuelSegments? _fuel;

    private Translator(WasmModule module, WasmFeatures features, int funcIndex, bool fuel)
    {
        _module = module;
        _features = features;
        _funcIndex = funcIndex;
        _type = module.FuncTypeOf(funcIndex);
        _fuel = fuel ? Runtime.FuelSegments.Compute(module, funcIndex, features) : null;
    }

    /// <param name="fuel">Emit fuel charges (<see cref="IOp.Fuel"/>) at the charge points of <see cref="Runtime.FuelSegments"/>.</param>
    public static InterpretedCode Translate(WasmModule module, WasmFeatures features, int funcIndex, bool fuel = false) =>
        new Translator(module, features, funcIndex, fuel).Run();

    private InterpretedCode Run()
    {
        var body = _module.Bodies[_funcIndex - _module.ImportedFunctionCount];
        var bytes = _module.Bytes.Span;
        var locals = new List<ValType>(_type.Params);
        var lr = new WasmReader(bytes.Slice(body.Offset, body.CodeOffset - body.Offset), body.Offset);
        LocalsReader.Read(ref lr, _features, locals);
        _localSlot = new int[locals.Count];
        _localCls = new Cls[locals.Count];
        int slot = 0;
        int paramSlots = 0;
        bool hasRefLocals = false;
        for (int i = 0; i < locals.Count; i++)
        {
            _localSlot[i] = slot;
            _localCls[i] = ClassOf(locals[i]);
            slot += Size(_localCls[i]);
            if (i == _type.Params.Length - 1)
            {
                paramSlots = slot;
            }
            if (i >= _type.Params.Length && _localCls[i] == Cls.Ref)
            {
                hasRefLocals = true;
            }
        }
        _localsEnd = slot;
        _constBase = slot;
        var code = bytes.Slice(body.CodeOffset, body.CodeLength);
        var buffers = new InstructionBuffers();
        int constSlots = CountConstSlots(code, body.CodeOffset, buffers, out bool memoryOps);
        _fastMemory = _module.Memories.Count > 0 && !_module.Memories[0].Is64;
        _constCap = Math.Min(constSlots + (memoryOps ? 1 : 0), MaxConstSlots);
        _stackBase = _constBase + _constCap;
        if (memoryOps && _fastMemory)
        {
            // Loads and stores of memory 0 add a second address operand (a fused i32.add); unfused, it is this 0.
            _zeroSlot = ConstSlot(0, 0, false);
        }

        var fn = NewCtrl(CtrlKind.Func, [], _type.Results);
        _ctrls.Add(fn);
        var reader = new InstructionReader(code, body.CodeOffset, _features, buffers);
        var fuel = _fuel?.Start() ?? default;
        while (_ctrls.Count > 0)
        {
            reader.Read(out var ins);
            if (_fuel is not null && !_unreachable && fuel.At(ins.Offset) is int cost and > 0)
            {
                // Before the instruction, and after the label a branch to this point targets: every arrival pays.
                Emit((int)IOp.Fuel, x: cost);
                _lastProducer = -1;
                _barrier = _pc;
            }
            if (_unreachable)
            {
                SkipUnreachable(ref reader, in ins);
                continue;
            }
            TranslateInstruction(ref reader, in ins);
        }

        var result = new InterpretedCode(_code, _pc)
        {
            FunctionIndex = _funcIndex,
            ParamSlots = paramSlots,
            ResultSlots = SlotsOf(_type.Results),
            LocalSlots = _localsEnd - paramSlots,
            HasRefLocals = hasRefLocals,
            ConstBase = _constBase,
            Consts = [.. _consts],
            FrameSlots = _stackBase + _maxHeight,
            BrTables = [.. _brTables],
            V128Pool = _v128Pool[.._v128Count],
            Messages = [.. _messages],
            StackBase = _stackBase,
            Loops = [.. _loops],
        };
        if (_code.Length <= MaxKeptCodeBuffer)
        {
            t_codeBuffer = _code;
        }
        return result;
    }

    private static Inst[] TakeCodeBuffer()
    {
        var buffer = t_codeBuffer ?? new Inst[256];
        t_codeBuffer = null; // until this translation is done (a failed one just drops it)
        return buffer;
    }

    private static int CountConstSlots(ReadOnlySpan<byte> code, int offset, InstructionBuffers buffers, out bool memoryOps)
    {
        var r = new InstructionReader(code, offset, WasmFeatures.All, buffers);
        int n = 0;
        memoryOps = false;
        while (!r.End)
        {
            r.Read(out var ins);
            n += ins.Op switch
            {
                Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const => 1,
                Opcode.V128Const => 2,
                _ => 0,
            };
            memoryOps |= IsScalarMemoryOp(ins.Op);
        }
        return n;
    }

    private static bool IsScalarMemoryOp(Opcode op) => op >= Opcode.I32Load && op <= Opcode.I64Store32;

    private void SkipUnreachable(ref InstructionReader reader, in Instruction ins)
    {
        switch (ins.Op)
        {
            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
            case Opcode.TryTable:
            case Opcode.Try:
                _skipDepth++;
                break;
            case Opcode.Else:
                if (_skipDepth == 0)
                {
                    TranslateInstruction(ref reader, in ins);
                }
                break;
            case Opcode.End:
                if (_skipDepth == 0)
                {
                    TranslateInstruction(ref reader, in ins);
                }
                else
                {
                    _skipDepth--;
                }
                break;
        }
    }

    // ---- operand stack -------------------------------------------------------------------------------------

    private static Cls ClassOf(ValType t) => t.Kind switch
    {
        ValKind.V128 => Cls.V128,
        ValKind.Ref => Cls.Ref,
        _ => Cls.Num,
    };

    private static Cls ClassOf(SigType t) => t == SigType.V128 ? Cls.V128 : Cls.Num;

    private static int Size(Cls c) => c == Cls.V128 ? 2 : 1;

    private static int SlotsOf(ValType[] types)
    {
        int n = 0;
        foreach (var t in types)
        {
            n += Size(ClassOf(t));
        }
        return n;
    }

    private int NextHome => _stackBase + _height;

    private void Push(Cls cls, int slot)
    {
        if (_sp == _stack.Length)
        {
            Array.Resize(ref _stack, _sp * 2);
        }
        int home = _stackBase + _height;
        _stack[_sp++] = new Entry { Cls = cls, Slot = slot, Home = home };
        _height += Size(cls);
        if (_height > _maxHeight)
        {
            _maxHeight = _height;
        }
    }

    /// <summary>Pushes a value that will be computed into its home slot; returns that slot.</summary>
    private int PushHome(Cls cls)
    {
        int home = NextHome;
        Push(cls, home);
        return home;
    }

    private Entry Pop()
    {
        var e = _stack[--_sp];
        _height -= Size(e.Cls);
        return e;
    }

    /// <summary>Reserves stack room beyond the current height (e.g. for results of a call).</summary>
    private void Reserve(int slots)
    {
        if (_height + slots > _maxHeight)
        {
            _maxHeight = _height + slots;
        }
    }

    private void Materialize(int index)
    {
        ref var e = ref _stack[index];
        if (e.Slot != e.Home)
        {
            EmitCopy(e.Cls, e.Home, e.Slot);
            e.Slot = e.Home;
        }
    }

    private void MaterializeTop(int count)
    {
        for (int i = _sp - count; i < _sp; i++)
        {
            Materialize(i);
        }
    }

    private void MaterializeAll() => MaterializeTop(_sp);

    /// <summary>Before writing a local, copy home every deferred read of it.</summary>
    private void InvalidateLocal(int slot)
    {
        for (int i = 0; i < _sp; i++)
        {
            if (_stack[i].Slot == slot)
            {
                Materialize(i);
            }
        }
    }

    private int ConstSlot(ulong lo, ulong hi, bool v128)
    {
        if (_constMap.TryGetValue((lo, hi, v128), out int slot))
        {
            return slot;
        }
        int size = v128 ? 2 : 1;
        if (_consts.Count + size > _constCap)
        {
            return -1;
        }
        slot = _constBase + _consts.Count;
        _consts.Add(lo);
        if (v128)
        {
            _consts.Add(hi);
        }
        _constMap.Add((lo, hi, v128), slot);
        return slot;
    }

    private void PushConst(ulong lo)
    {
        int slot = ConstSlot(lo, 0, false);
        if (slot >= 0)
        {
            Push(Cls.Num, slot);
        }
        else
        {
            Emit((int)IOp.Const, d: PushHome(Cls.Num), x: (long)lo);
        }
    }

    private void PushConstV128(in Vector128<byte> v)
    {
        ulong lo = Unsafe.As<Vector128<byte>, ulong>(ref Unsafe.AsRef(in v));
        ulong hi = Unsafe.Add(ref Unsafe.As<Vector128<byte>, ulong>(ref Unsafe.AsRef(in v)), 1);
        int slot = ConstSlot(lo, hi, true);
        if (slot >= 0)
        {
            Push(Cls.V128, slot);
        }
        else
        {
            int home = PushHome(Cls.V128);
            Emit((int)IOp.Const, d: home, x: (long)lo);
            Emit((int)IOp.Const, d: home + 1, x: (long)hi);
        }
    }

    /// <summary>Adds a shuffle mask to the code's pool; returns its index.</summary>
    private int AddV128(in Vector128<byte> v)
    {
        if (_v128Count == _v128Pool.Length)
        {
            Array.Resize(ref _v128Pool, Math.Max(4, _v128Count * 2));
        }
        _v128Pool[_v128Count] = v;
        return _v128Count++;
    }

    // ---- emission ------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Emit(int op, int d = 0, int a = 0, int b = 0, int c = 0, int e = 0, long x = 0)
    {
        if (_pc == _code.Length)
        {
            Array.Resize(ref _code, _pc * 2);
        }
        _code[_pc] = new Inst { Op = op, D = d, A = a, B = b, C = c, E = e, X = x };
        return _pc++;
    }

    /// <summary>Emits an instruction whose only effect is writing slot <paramref name="d"/>.</summary>
    private int EmitProducer(int op, int d, int a = 0, int b = 0, int c = 0, int e = 0, long x = 0)
    {
        _lastProducer = Emit(op, d, a, b, c, e, x);
        return _lastProducer;
    }

    private void EmitCopy(Cls cls, int dst, int src)
    {
        if (dst == src)
        {
            return;
        }
        var op = cls switch
        {
            Cls.V128 => IOp.CopyV128,
            Cls.Ref => IOp.CopyRef,
            _ => IOp.Copy,
        };
        Emit((int)op, d: dst, a: src);
    }

    /// <summary>Marks the current position as a jump target: later rewrites must not reach back past it.</summary>
    private void BindLabel()
    {
        _barrier = _pc;
        _lastProducer = -1;
    }

    /// <summary>Is the last instruction the producer of the top entry, in the current straight-line run?</summary>
    private bool TopIsFreshProduct(in Entry top) =>
        _lastProducer == _pc - 1 && _lastProducer >= _barrier && top.Slot == top.Home && _code[_lastProducer].D == top.Home;

    private Ctrl NewCtrl(CtrlKind kind, ValType[] ps, ValType[] rs)
    {
        Ctrl c;
        if (_ctrlPool.Count > 0)
        {
            c = _ctrlPool[^1];
            _ctrlPool.RemoveAt(_ctrlPool.Count - 1);
            c.Fixups.Clear();
        }
        else
        {
            c = new Ctrl();
        }
        c.Kind = kind;
        c.Params = ps;
        c.Results = rs;
        c.StartSp = _sp - ps.Length;
        c.StartHeight = _height - SlotsOf(ps);
        c.LoopPc = -1;
        c.ElseFixup = -1;
        c.EndReachable = false;
        return c;
    }

    private (ValType[] Params, ValType[] Results) BlockSignature(BlockType bt)
    {
        if (bt.IsEmpty)
        {
            return ([], []);
        }
        if (bt.IsIndex)
        {
            var ft = _module.FuncTypeAt(bt.TypeIndex);
            return (ft.Params, ft.Results);
        }
        return ([], [bt.Value]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static NotSupportedException Unsupported(Opcode op) =>
        new($"the interpreter does not support {OpcodeTable.Name(op)} yet");
}
