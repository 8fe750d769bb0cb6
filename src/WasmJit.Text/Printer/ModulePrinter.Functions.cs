using WasmJit.Binary;

namespace WasmJit.Text.Printer;

/// <summary>Functions: names from the name section, signatures, locals and bodies.</summary>
internal sealed partial class ModulePrinter
{
    private readonly List<ValType> _locals = [];

    private void PrintFunctions()
    {
        var bytes = _module.Bytes.Span;
        for (int b = 0; b < _module.Bodies.Count; b++)
        {
            int index = _module.ImportedFunctionCount + b;
            var body = _module.Bodies[b];
            int typeIndex = index < _module.FunctionTypeIndices.Count ? _module.FunctionTypeIndices[index] : -1;

            _locals.Clear();
            var lr = new WasmReader(bytes.Slice(body.Offset, body.CodeOffset - body.Offset), body.Offset);
            LocalsReader.Read(ref lr, AllFeatures, _locals);

            var sig = FuncTypeOrNull(typeIndex);
            int paramCount = sig?.Params.Length ?? 0;
            string?[] localIds = LocalIds(index, paramCount + _locals.Count);

            _w.Write("  (func");
            WriteDefinitionId(FuncId(index), index);
            _w.Write(" (type ");
            WriteIndex((uint)typeIndex);
            _w.Write(')');
            if (sig is not null)
            {
                WriteLocalDecls(" (param", sig.Params, 0, localIds);
                PrintResults(sig);
            }
            if (_locals.Count > 0)
            {
                _w.Write("\n   ");
                WriteLocalDecls(" (local", _locals, paramCount, localIds);
            }
            _w.Write('\n');
            PrintBody(bytes.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset, localIds);
            _w.Write("  )\n");
        }
    }

    /// <summary>
    /// Writes params or locals: named ones one per <c>(param $x t)</c>, runs of unnamed ones grouped.
    /// <paramref name="first"/> is the local index of the first entry (params and locals share one index space).
    /// </summary>
    private void WriteLocalDecls(string keyword, IReadOnlyList<ValType> types, int first, string?[] ids)
    {
        bool open = false;
        for (int i = 0; i < types.Count; i++)
        {
            int local = first + i;
            string? id = local < ids.Length ? ids[local] : null;
            if (id is not null)
            {
                if (open)
                {
                    _w.Write(')');
                    open = false;
                }
                _w.Write(keyword);
                _w.Write(' ');
                _w.Write(id);
                _w.Write(' ');
                WriteValType(types[i]);
                _w.Write(')');
                continue;
            }
            if (!open)
            {
                _w.Write(keyword);
                open = true;
            }
            _w.Write(' ');
            WriteValType(types[i]);
        }
        if (open)
        {
            _w.Write(')');
        }
    }
}
