using System.Runtime.Intrinsics;
using WasmJit.Binary;

namespace WasmJit.Text.Printer;

/// <summary>
/// Instructions in the flat (not folded) form, with every immediate
/// (https://webassembly.github.io/spec/core/text/instructions.html). Names come from the opcode table; the
/// only exceptions are the three encodings the text format spells like another instruction plus a type.
/// </summary>
internal sealed partial class ModulePrinter
{
    private static readonly string[] s_indents = BuildIndents();

    private static string[] BuildIndents()
    {
        var a = new string[64];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = new string(' ', 4 + 2 * i);
        }
        return a;
    }

    private void Indent(int depth) => _w.Write(s_indents[Math.Min(depth, s_indents.Length - 1)]);

    /// <summary>Prints a function body one instruction per line, indented by block depth; the final <c>end</c> is implied.</summary>
    private void PrintBody(ReadOnlySpan<byte> code, int baseOffset, string?[] localIds)
    {
        var r = new InstructionReader(code, baseOffset, AllFeatures, _buffers);
        int depth = 0;
        while (!r.End)
        {
            r.Read(out var ins);
            switch (ins.Op)
            {
                case Opcode.End:
                    if (depth == 0)
                    {
                        return;
                    }
                    depth--;
                    Indent(depth);
                    break;
                case Opcode.Else:
                case Opcode.Catch:
                case Opcode.CatchAll:
                    Indent(Math.Max(depth - 1, 0));
                    break;
                case Opcode.Delegate:
                    depth = Math.Max(depth - 1, 0);
                    Indent(depth);
                    break;
                case Opcode.Block:
                case Opcode.Loop:
                case Opcode.If:
                case Opcode.Try:
                case Opcode.TryTable:
                    Indent(depth);
                    depth++;
                    break;
                default:
                    Indent(depth);
                    break;
            }
            WriteInstruction(ref r, in ins, localIds);
            _w.Write('\n');
        }
    }

    /// <summary>Prints a constant expression on one line, without its final <c>end</c>.</summary>
    private void PrintConstExpr(ConstExpr expr)
    {
        var r = new InstructionReader(expr.Span(_module), expr.Offset, AllFeatures, _buffers);
        int depth = 0;
        bool first = true;
        while (!r.End)
        {
            r.Read(out var ins);
            if (ins.Op == Opcode.End)
            {
                if (depth == 0)
                {
                    return;
                }
                depth--;
            }
            else if (ins.Info.Imm is ImmKind.Blocktype or ImmKind.Trytable)
            {
                depth++;
            }
            if (!first)
            {
                _w.Write(' ');
            }
            first = false;
            WriteInstruction(ref r, in ins, []);
        }
    }

    private void WriteInstruction(ref InstructionReader r, in Instruction ins, string?[] localIds)
    {
        ref readonly var info = ref ins.Info;
        _w.Write(ins.Op switch
        {
            Opcode.SelectT => "select",
            Opcode.RefTestNull => "ref.test",
            Opcode.RefCastNull => "ref.cast",
            _ => info.Name,
        });
        switch (info.Imm)
        {
            case ImmKind.None:
            case ImmKind.Fence:
                break;
            case ImmKind.Blocktype:
                WriteBlockType(ins.Block);
                break;
            case ImmKind.Trytable:
                WriteBlockType(ins.Block);
                foreach (var c in r.Catches(in ins))
                {
                    _w.Write(c.Kind switch
                    {
                        0 => " (catch ",
                        1 => " (catch_ref ",
                        2 => " (catch_all ",
                        _ => " (catch_all_ref ",
                    });
                    if (c.Kind < 2)
                    {
                        WriteIndex(c.Tag);
                        _w.Write(' ');
                    }
                    WriteIndex(c.Label);
                    _w.Write(')');
                }
                break;
            case ImmKind.Func:
                _w.Write(' ');
                WriteFuncRef(ins.A);
                break;
            case ImmKind.Local:
                _w.Write(' ');
                if (ins.A < (uint)localIds.Length && localIds[ins.A] is { } id)
                {
                    _w.Write(id);
                }
                else
                {
                    WriteIndex(ins.A);
                }
                break;
            case ImmKind.Label:
            case ImmKind.Type:
            case ImmKind.Global:
            case ImmKind.Table:
            case ImmKind.Elem:
            case ImmKind.Data:
            case ImmKind.Tag:
            case ImmKind.Lane:
                _w.Write(' ');
                WriteIndex(ins.A);
                break;
            case ImmKind.Mem:
                if (ins.A != 0)
                {
                    _w.Write(' ');
                    WriteIndex(ins.A);
                }
                break;
            case ImmKind.Brtable:
                foreach (uint t in r.Targets(in ins))
                {
                    _w.Write(' ');
                    WriteIndex(t);
                }
                _w.Write(' ');
                WriteIndex(ins.B);
                break;
            case ImmKind.Callindirect:
                // Text order is table, then type use; binary order is type, then table.
                _w.Write(' ');
                WriteIndex(ins.B);
                _w.Write(" (type ");
                WriteIndex(ins.A);
                _w.Write(')');
                break;
            case ImmKind.Tabletable:
            case ImmKind.Memmem:
            case ImmKind.Typefield:
            case ImmKind.Typecount:
            case ImmKind.Typedata:
            case ImmKind.Typeelem:
            case ImmKind.Typetype:
                _w.Write(' ');
                WriteIndex(ins.A);
                _w.Write(' ');
                WriteIndex(ins.B);
                break;
            case ImmKind.Elemtable:
            case ImmKind.Datamem:
                // Text order is table/memory, then segment; binary order is segment first.
                _w.Write(' ');
                WriteIndex(ins.B);
                _w.Write(' ');
                WriteIndex(ins.A);
                break;
            case ImmKind.Memarg:
                WriteMemArg(in ins, info.NaturalAlignLog2);
                break;
            case ImmKind.Memarglane:
                WriteMemArg(in ins, info.NaturalAlignLog2);
                _w.Write(' ');
                WriteIndex(ins.Lane);
                break;
            case ImmKind.I32:
                _w.Write(' ');
                WatLiterals.WriteI64(_w, (int)(uint)ins.Imm);
                break;
            case ImmKind.I64:
                _w.Write(' ');
                WatLiterals.WriteI64(_w, (long)ins.Imm);
                break;
            case ImmKind.F32:
                _w.Write(' ');
                WatLiterals.WriteF32(_w, (uint)ins.Imm);
                break;
            case ImmKind.F64:
                _w.Write(' ');
                WatLiterals.WriteF64(_w, ins.Imm);
                break;
            case ImmKind.V128:
                {
                    var v = ins.V128.AsUInt32();
                    _w.Write(" i32x4");
                    for (int i = 0; i < 4; i++)
                    {
                        _w.Write(' ');
                        WatLiterals.WriteHex(_w, v.GetElement(i), 8);
                    }
                    break;
                }
            case ImmKind.Shuffle:
                for (int i = 0; i < 16; i++)
                {
                    _w.Write(' ');
                    WriteIndex(ins.V128.GetElement(i));
                }
                break;
            case ImmKind.Heaptype:
                _w.Write(' ');
                if (ins.Op == Opcode.RefNull)
                {
                    WriteHeapType(ins.Heap);
                }
                else
                {
                    // ref.test / ref.cast take a reference type; the _null encodings are its nullable form.
                    WriteRefType(ins.Heap, ins.Op is Opcode.RefTestNull or Opcode.RefCastNull);
                }
                break;
            case ImmKind.Selecttypes:
                _w.Write(" (result");
                foreach (var t in r.SelectTypes(in ins))
                {
                    _w.Write(' ');
                    WriteValType(t);
                }
                _w.Write(')');
                break;
            case ImmKind.Broncast:
                _w.Write(' ');
                WriteIndex(ins.A);
                _w.Write(' ');
                WriteRefType(ins.Heap, (ins.Flags & 1) != 0);
                _w.Write(' ');
                WriteRefType(ins.Heap2, (ins.Flags & 2) != 0);
                break;
            default:
                throw new InvalidOperationException($"no printer for immediate kind {info.Imm}");
        }
    }

    private void WriteBlockType(BlockType bt)
    {
        if (bt.IsEmpty)
        {
            return;
        }
        if (bt.IsIndex)
        {
            _w.Write(" (type ");
            WriteIndex((uint)bt.TypeIndex);
            _w.Write(')');
            return;
        }
        _w.Write(" (result ");
        WriteValType(bt.Value);
        _w.Write(')');
    }

    /// <summary>Memory index when not 0, <c>offset=</c> when not 0, <c>align=</c> when not the natural alignment.</summary>
    private void WriteMemArg(in Instruction ins, int naturalAlignLog2)
    {
        if (ins.B != 0)
        {
            _w.Write(' ');
            WriteIndex(ins.B);
        }
        if (ins.Imm != 0)
        {
            _w.Write(" offset=");
            WatLiterals.WriteU64(_w, ins.Imm);
        }
        if (ins.AlignLog2 != naturalAlignLog2)
        {
            _w.Write(" align=");
            WatLiterals.WriteU64(_w, 1UL << ins.AlignLog2);
        }
    }
}
