using System.Collections.Concurrent;

namespace WasmJit.Jit;

/// <summary>
/// Process-wide canonical ids for function types, so call_indirect compares two integers
/// (https://webassembly.github.io/spec/core/exec/instructions.html#xref-syntax-instructions-syntax-instr-control-mathsf-call-indirect-x-y).
/// Ids are baked into compiled code as constants, which is why the registry is process-wide rather than per store.
/// </summary>
internal static class TypeRegistry
{
    private static readonly ConcurrentDictionary<FuncType, int> s_ids = new();
    private static int s_next;

    public static int IdOf(FuncType type) => s_ids.GetOrAdd(type, static _ => Interlocked.Increment(ref s_next));
}
