namespace WasmJit;

/// <summary>Shared text and copies for the public descriptions of imports and exports.</summary>
internal static class ExternTypes
{
    /// <summary><see cref="FuncType"/> exposes arrays; the public surface hands out copies so the module's stay intact.</summary>
    public static FuncType Copy(FuncType t) => new([.. t.Params], [.. t.Results]);

    public static string Describe(ExternKind kind, FuncType? f, TableType? t, MemoryType? m, GlobalType? g) => kind switch
    {
        ExternKind.Func => Embedding.ClrTypes.Describe(f!),
        ExternKind.Tag => "tag " + Embedding.ClrTypes.Describe(f!)[5..],
        ExternKind.Table => $"table {Limits(t!.Value.Limits)} {t.Value.Element}{(t.Value.Is64 ? " (i64)" : "")}",
        ExternKind.Memory => $"memory {Limits(m!.Value.Limits)}{(m.Value.Is64 ? " i64" : "")}{(m.Value.Shared ? " shared" : "")}",
        _ => g!.Value.Mutable ? $"global (mut {g.Value.Type})" : $"global {g.Value.Type}",
    };

    private static string Limits(Limits l) => l.Max is ulong max ? $"{l.Min}..{max}" : $"{l.Min}..";
}
