namespace WasmJit.Binary;

/// <summary>Reads the local declarations at the start of a function body.</summary>
internal static class LocalsReader
{
    /// <summary>The most locals (parameters excluded) one function may declare; as the JS API and other engines limit it.</summary>
    public const int MaxLocals = 50_000;

    /// <summary>
    /// Reads the declarations, appending one entry per local to <paramref name="locals"/> (if given), and returns
    /// the number of locals declared. Throws "too many locals" past <see cref="MaxLocals"/>.
    /// </summary>
    public static int Read(ref WasmReader r, WasmFeatures features, List<ValType>? locals)
    {
        long at = r.Offset;
        uint groups = r.ReadU32();
        if (groups > (uint)r.Remaining)
        {
            Throw.UnexpectedEnd(r.Offset);
        }
        ulong total = 0;
        for (uint i = 0; i < groups; i++)
        {
            uint n = r.ReadU32();
            total += n;
            if (total > MaxLocals)
            {
                Throw.Malformed("too many locals", at);
            }
            var t = TypeReader.ReadValType(ref r, features);
            if (locals is not null)
            {
                for (uint k = 0; k < n; k++)
                {
                    locals.Add(t);
                }
            }
        }
        return (int)total;
    }
}
