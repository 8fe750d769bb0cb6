namespace WasmJit.Runtime;

/// <summary>
/// An external value: what an import is bound to and an export yields
/// (https://webassembly.github.io/spec/core/exec/runtime.html#external-values).
/// </summary>
internal abstract class ExternValue
{
    public abstract ExternKind Kind { get; }
}
