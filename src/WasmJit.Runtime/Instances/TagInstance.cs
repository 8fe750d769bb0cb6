namespace WasmJit.Runtime;

/// <summary>An exception tag (https://webassembly.github.io/spec/core/exec/runtime.html#tag-instances); identity matters.</summary>
internal sealed class TagInstance : ExternValue
{
    public TagInstance(DefinedType type) => CanonicalType = type;

    public override ExternKind Kind => ExternKind.Tag;

    public DefinedType CanonicalType { get; }

    public FuncType Type => CanonicalType.Func!;
}
