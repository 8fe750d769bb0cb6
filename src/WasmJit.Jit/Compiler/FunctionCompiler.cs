using System.Reflection;
using System.Reflection.Emit;
using WasmJit.Binary;

namespace WasmJit.Jit;

/// <summary>
/// Translates one validated function body (https://webassembly.github.io/spec/core/binary/modules.html#code-section)
/// into the IL of a <see cref="DynamicMethod"/> in a single forward pass.
/// </summary>
/// <remarks>
/// The wasm operand stack maps onto the IL evaluation stack with a spill discipline: the top <c>_onIL</c> values are
/// on the IL stack, every value below them lives in a "slot local" (one IL local per stack depth and value kind).
/// Before any branch, label or trap check the IL stack is spilled, so every label is reached with an empty IL stack
/// and all block parameters/results sit in the slot locals of their depths. RyuJIT enregisters those locals, so the
/// spills cost nothing at run time; they keep the IL simple and valid (no stack merges, no backward branches with a
/// non-empty stack). Traps branch to one shared throw block per kind per function, which keeps the basic-block count
/// (RyuJIT's 2,000-block MinOpts threshold) at one block per check.
/// </remarks>
internal sealed partial class FunctionCompiler
{
    private readonly ModuleCompilation _mc;
    private readonly WasmModule _module;
    private readonly int _funcIndex;
    private readonly FuncType _type;
    private readonly ILGenerator _il;
    private readonly ValKind[] _localKinds;
    private readonly LocalBuilder?[] _localBuilders;
    /// <summary>Wasm locals below this index are IL arguments (the parameters; none in a loop entry).</summary>
    private readonly int _paramCount;
    private readonly LoopSite? _osr;
    private Label _osrLoader;
    private Label? _osrLoop;
    private ValKind[] _osrStack = [];
    private readonly short _ctxArg;

    private readonly List<ValKind> _stack = [];
    private int _onIL;
    private readonly List<LocalBuilder?>[] _slots = [[], [], [], [], [], []];

    private readonly List<Ctrl> _ctrls = [];
    private readonly Label?[] _trapLabels = new Label?[Enum.GetValues<TrapKind>().Length];

    private LocalBuilder?[] _memObj = [];
    private LocalBuilder?[] _memBase = [];
    private LocalBuilder?[] _memLen = [];
    private LocalBuilder?[] _globalCells = [];
    private readonly Dictionary<(int, ValKind), LocalBuilder> _resultTemps = [];
    private LocalBuilder? _stackProbe;
    private LocalBuilder? _limiter;
    private Label _interrupted;
    private Label _stackSlow;
    private Label _stackBack;
    private int _skipDepth;

    /// <param name="osr">
    /// Compile the loop-entry variant (see <see cref="LoopEntry"/>): the method is <c>void (WasmStack stack, int fp,
    /// JitContext ctx)</c>, every wasm local is an IL local, the body is entered at the loop at
    /// <see cref="LoopSite.LoopOffset"/> after loading the interpreter's frame, and results go back to the frame.
    /// </param>
    public FunctionCompiler(ModuleCompilation mc, int funcIndex, DynamicMethod method, LoopSite? osr = null)
    {
        _mc = mc;
        _module = mc.Module;
        _funcIndex = funcIndex;
        _type = _module.FuncTypeOf(funcIndex);
        _il = method.GetILGenerator(256);
        _osr = osr;
        _paramCount = osr is null ? _type.Params.Length : 0;
        _ctxArg = osr is null ? (short)JitSignature.ContextArgIndex(_type) : (short)2;

        var body = _module.Bodies[funcIndex - _module.ImportedFunctionCount];
        var locals = new List<ValType>(_type.Params);
        var r = new WasmReader(_module.Bytes.Span.Slice(body.Offset, body.CodeOffset - body.Offset), body.Offset);
        LocalsReader.Read(ref r, _mc.Features, locals);
        _localKinds = new ValKind[locals.Count];
        _localBuilders = new LocalBuilder?[locals.Count];
        for (int i = 0; i < locals.Count; i++)
        {
            _localKinds[i] = locals[i].Kind;
            if (i >= _paramCount)
            {
                _localBuilders[i] = _il.DeclareLocal(JitMembers.ClrType(locals[i].Kind));
            }
        }
        CodeOffset = body.CodeOffset;
        CodeLength = body.CodeLength;
    }

    public int CodeOffset { get; }

    public int CodeLength { get; }

    public int ILSize => _il.ILOffset;

    private sealed class Ctrl
    {
        public required CtrlKind Kind;
        public required Label Label;
        public Label ElseLabel;
        public required ValKind[] Params;
        public required ValKind[] Results;
        public required int Height;
        public bool Unreachable;
        public bool Reached;
        public bool HasElse;

        public ValKind[] LabelTypes => Kind == CtrlKind.Loop ? Params : Results;
    }

    private enum CtrlKind : byte
    {
        Func,
        Block,
        Loop,
        If,
    }

    /// <summary>Emits the whole body. Throws <see cref="JitUnsupportedException"/> for instructions this tier lacks.</summary>
    public void Compile()
    {
        var scan = PreScan();
        EmitPrologue(scan);
        _ctrls.Add(new Ctrl
        {
            Kind = CtrlKind.Func,
            Label = _il.DefineLabel(),
            Params = [],
            Results = Kinds(_type.Results),
            Height = 0,
        });

        if (_osr is not null)
        {
            _osrLoader = _il.DefineLabel();
            _il.Emit(OpCodes.Br, _osrLoader);
        }

        var buffers = _mc.Buffers;
        var fuel = _mc.Fuel ? FuelSegments.Compute(_module, _funcIndex, _mc.Features).Start() : default;
        var reader = new InstructionReader(_module.Bytes.Span.Slice(CodeOffset, CodeLength), CodeOffset, _mc.Features, buffers);
        while (!reader.End && _ctrls.Count > 0)
        {
            reader.Read(out var ins);
            if (_skipDepth > 0 || _ctrls[^1].Unreachable)
            {
                if (SkipDead(in ins))
                {
                    continue;
                }
            }
            else if (_mc.Fuel && fuel.At(ins.Offset) is int cost and > 0)
            {
                EmitFuelCharge(cost);
            }
            Emit(ref reader, in ins);
        }
        EmitColdBlocks();
    }

    /// <summary>In dead code, only nesting matters. Returns false when the instruction must be handled normally.</summary>
    private bool SkipDead(in Instruction ins)
    {
        switch (ins.Op)
        {
            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
            case Opcode.TryTable:
            case Opcode.Try:
                _skipDepth++;
                return true;
            case Opcode.End:
                if (_skipDepth > 0)
                {
                    _skipDepth--;
                    return true;
                }
                return false;
            case Opcode.Else:
                return _skipDepth > 0;
            default:
                return true;
        }
    }

    private struct ScanResult
    {
        public bool UsesMemory;
        public HashSet<int>? Globals;
    }

    /// <summary>Finds which memories and globals the body uses, so the prologue can cache them in locals.</summary>
    private ScanResult PreScan()
    {
        var result = default(ScanResult);
        var reader = new InstructionReader(_module.Bytes.Span.Slice(CodeOffset, CodeLength), CodeOffset, _mc.Features, _mc.Buffers);
        while (!reader.End)
        {
            reader.Read(out var ins);
            ref readonly var info = ref ins.Info;
            if (info.Imm is ImmKind.Memarg or ImmKind.Memarglane or ImmKind.Mem or ImmKind.Memmem or ImmKind.Datamem)
            {
                result.UsesMemory = true;
            }
            else if (ins.Op is Opcode.GlobalGet or Opcode.GlobalSet)
            {
                (result.Globals ??= []).Add((int)ins.A);
            }
        }
        return result;
    }

    private void EmitPrologue(ScanResult scan)
    {
        // Stack check: is the address of a local (the stack pointer) inside the verified window
        // [StackLow, StackLow + StackSpan]? One subtraction and one unsigned compare.
        _stackProbe = _il.DeclareLocal(typeof(byte));
        _stackSlow = _il.DefineLabel();
        _stackBack = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloca, _stackProbe);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        _il.Emit(OpCodes.Ldfld, JitMembers.CtxStackLow);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        _il.Emit(OpCodes.Ldfld, JitMembers.CtxStackSpan);
        _il.Emit(OpCodes.Bgt_Un, _stackSlow);
        _il.MarkLabel(_stackBack);

        _limiter = _il.DeclareLocal(typeof(ExecutionLimiter));
        _interrupted = _il.DefineLabel();
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        _il.Emit(OpCodes.Ldfld, JitMembers.CtxLimiter);
        _il.Emit(OpCodes.Stloc, _limiter);
        EmitInterruptCheck();

        int memCount = _module.Memories.Count;
        if (scan.UsesMemory && memCount > 0)
        {
            _memObj = new LocalBuilder?[memCount];
            _memBase = new LocalBuilder?[memCount];
            _memLen = new LocalBuilder?[memCount];
            for (int m = 0; m < memCount; m++)
            {
                _memObj[m] = _il.DeclareLocal(typeof(MemoryInstance));
                _memBase[m] = _il.DeclareLocal(typeof(nint));
                _memLen[m] = _il.DeclareLocal(typeof(ulong));
                _il.Emit(OpCodes.Ldarg, _ctxArg);
                if (m == 0)
                {
                    _il.Emit(OpCodes.Ldfld, JitMembers.CtxMemory0);
                }
                else
                {
                    _il.Emit(OpCodes.Ldfld, JitMembers.CtxMemories);
                    EmitLdcI4(m);
                    _il.Emit(OpCodes.Ldelem_Ref);
                }
                _il.Emit(OpCodes.Dup);
                _il.Emit(OpCodes.Stloc, _memObj[m]!);
                _il.Emit(OpCodes.Call, JitMembers.MemBase);
                _il.Emit(OpCodes.Stloc, _memBase[m]!);
            }
            RefreshMemoryLengths();
        }
        if (scan.Globals is { } globals)
        {
            _globalCells = new LocalBuilder?[_module.Globals.Count];
            foreach (int g in globals)
            {
                _globalCells[g] = _il.DeclareLocal(typeof(GlobalInstance));
                _il.Emit(OpCodes.Ldarg, _ctxArg);
                _il.Emit(OpCodes.Ldfld, JitMembers.CtxGlobals);
                EmitLdcI4(g);
                _il.Emit(OpCodes.Ldelem_Ref);
                _il.Emit(OpCodes.Stloc, _globalCells[g]!);
            }
        }
    }

    /// <summary>Re-reads each memory's length: after calls (the callee may have grown it) and memory.grow.</summary>
    private void RefreshMemoryLengths()
    {
        for (int m = 0; m < _memObj.Length; m++)
        {
            _il.Emit(OpCodes.Ldloc, _memObj[m]!);
            _il.Emit(OpCodes.Call, JitMembers.MemLength);
            _il.Emit(OpCodes.Stloc, _memLen[m]!);
        }
    }

    /// <summary>Out-of-line blocks at the end of the method: the stack-check slow path and one throw per trap kind.</summary>
    private void EmitColdBlocks()
    {
        if (_osr is { } site)
        {
            EmitLoopEntryLoader(site);
        }
        _il.MarkLabel(_stackSlow);
        _il.Emit(OpCodes.Ldloca, _stackProbe!);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Ldarg, _ctxArg);
        _il.Emit(OpCodes.Call, JitMembers.StackCheckSlow);
        _il.Emit(OpCodes.Br, _stackBack);
        _il.MarkLabel(_interrupted);
        _il.Emit(OpCodes.Ldloc, _limiter!);
        _il.Emit(OpCodes.Ldloc, _limiter!);
        _il.Emit(OpCodes.Volatile);
        _il.Emit(OpCodes.Ldfld, JitMembers.LimiterInterrupt);
        _il.Emit(OpCodes.Call, JitMembers.LimiterInterrupted);
        _il.Emit(OpCodes.Throw);
        for (int k = 0; k < _trapLabels.Length; k++)
        {
            if (_trapLabels[k] is { } label)
            {
                _il.MarkLabel(label);
                EmitLdcI4(k);
                _il.Emit(OpCodes.Call, JitMembers.Trap);
                _il.Emit(OpCodes.Throw);
            }
        }
    }

    private Label TrapLabel(TrapKind kind) => _trapLabels[(int)kind] ??= _il.DefineLabel();

    /// <summary>At function entry and loop headers: leave for the cold interrupt block if the store's flag is set.</summary>
    private void EmitInterruptCheck()
    {
        _il.Emit(OpCodes.Ldloc, _limiter!);
        _il.Emit(OpCodes.Volatile);
        _il.Emit(OpCodes.Ldfld, JitMembers.LimiterInterrupt);
        _il.Emit(OpCodes.Brtrue, _interrupted);
    }

    /// <summary>A <see cref="FuelSegments"/> charge point: <c>limiter.Charge(cost)</c>, after any label bound here.</summary>
    private void EmitFuelCharge(int cost)
    {
        Spill();
        _il.Emit(OpCodes.Ldloc, _limiter!);
        _il.Emit(OpCodes.Ldc_I8, (long)cost);
        _il.Emit(OpCodes.Call, JitMembers.LimiterCharge);
    }

    // ---- operand stack ----------------------------------------------------------------------------------------

    private LocalBuilder Slot(int depth, ValKind kind)
    {
        var list = _slots[SlotClass(kind)];
        while (list.Count <= depth)
        {
            list.Add(null);
        }
        return list[depth] ??= _il.DeclareLocal(JitMembers.ClrType(kind));
    }

    private static int SlotClass(ValKind kind) => kind switch
    {
        ValKind.I32 => 0,
        ValKind.I64 => 1,
        ValKind.F32 => 2,
        ValKind.F64 => 3,
        ValKind.V128 => 4,
        _ => 5,
    };

    private void Push(ValKind kind)
    {
        _stack.Add(kind);
        _onIL++;
    }

    private void Pop(int n)
    {
        _stack.RemoveRange(_stack.Count - n, n);
        _onIL -= n;
    }

    /// <summary>Pops values that were spilled (not on the IL stack).</summary>
    private void PopSpilled(int n)
    {
        _stack.RemoveRange(_stack.Count - n, n);
        _onIL = 0;
    }

    private ValKind Peek(int fromTop = 0) => _stack[_stack.Count - 1 - fromTop];

    /// <summary>Moves every value on the IL stack into its slot local.</summary>
    private void Spill()
    {
        for (int i = _stack.Count - 1, n = 0; n < _onIL; i--, n++)
        {
            _il.Emit(OpCodes.Stloc, Slot(i, _stack[i]));
        }
        _onIL = 0;
    }

    /// <summary>Ensures the top <paramref name="n"/> values are on the IL stack, in order.</summary>
    private void Need(int n)
    {
        if (_onIL >= n)
        {
            return;
        }
        Spill();
        LoadSlots(n);
    }

    /// <summary>With the IL stack empty, loads the top <paramref name="n"/> values from their slots.</summary>
    private void LoadSlots(int n)
    {
        for (int i = _stack.Count - n; i < _stack.Count; i++)
        {
            _il.Emit(OpCodes.Ldloc, Slot(i, _stack[i]));
        }
        _onIL = n;
    }

    /// <summary>The slot local of the value <paramref name="fromTop"/> below the top (the stack must be spilled).</summary>
    private LocalBuilder SlotAt(int fromTop)
    {
        int i = _stack.Count - 1 - fromTop;
        return Slot(i, _stack[i]);
    }

    private void SetUnreachable()
    {
        var c = _ctrls[^1];
        _stack.RemoveRange(c.Height, _stack.Count - c.Height);
        _onIL = 0;
        c.Unreachable = true;
    }

    private static ValKind[] Kinds(ValType[] types)
    {
        if (types.Length == 0)
        {
            return [];
        }
        var k = new ValKind[types.Length];
        for (int i = 0; i < k.Length; i++)
        {
            k[i] = types[i].Kind;
        }
        return k;
    }

    private LocalBuilder ResultTemp(int index, ValKind kind)
    {
        if (!_resultTemps.TryGetValue((index, kind), out var l))
        {
            l = _il.DeclareLocal(JitMembers.ClrType(kind));
            _resultTemps[(index, kind)] = l;
        }
        return l;
    }

    private void EmitLdcI4(int v)
    {
        switch (v)
        {
            case -1: _il.Emit(OpCodes.Ldc_I4_M1); break;
            case 0: _il.Emit(OpCodes.Ldc_I4_0); break;
            case 1: _il.Emit(OpCodes.Ldc_I4_1); break;
            case 2: _il.Emit(OpCodes.Ldc_I4_2); break;
            case 3: _il.Emit(OpCodes.Ldc_I4_3); break;
            case 4: _il.Emit(OpCodes.Ldc_I4_4); break;
            case 5: _il.Emit(OpCodes.Ldc_I4_5); break;
            case 6: _il.Emit(OpCodes.Ldc_I4_6); break;
            case 7: _il.Emit(OpCodes.Ldc_I4_7); break;
            case 8: _il.Emit(OpCodes.Ldc_I4_8); break;
            case >= -128 and <= 127: _il.Emit(OpCodes.Ldc_I4_S, (sbyte)v); break;
            default: _il.Emit(OpCodes.Ldc_I4, v); break;
        }
    }

    private void EmitLdcI8(long v)
    {
        if (v is >= int.MinValue and <= int.MaxValue)
        {
            EmitLdcI4((int)v);
            _il.Emit(OpCodes.Conv_I8);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I8, v);
        }
    }

    private void Call(MethodInfo m) => _il.Emit(OpCodes.Call, m);

    private static JitUnsupportedException Unsupported(in Instruction ins) =>
        new($"{ins.Info.Name} is not supported by the JIT tier");
}
