using System.Runtime.Intrinsics;

namespace WasmJit.Runtime;

/// <summary>
/// A global (https://webassembly.github.io/spec/core/exec/runtime.html#global-instances). Engines read and write
/// the raw fields: <see cref="Bits"/> for numbers (i32/f32 zero-extended, as in stack slots), <see cref="High"/>
/// for the upper half of a v128, <see cref="Ref"/> for references.
/// </summary>
internal sealed class GlobalInstance : ExternValue
{
    public ulong Bits;
    public ulong High;
    public object? Ref;

    /// <param name="type">Global type with canonical heap types.</param>
    public GlobalInstance(GlobalType type, WasmValue initial)
    {
        Type = type;
        Value = initial;
    }

    public override ExternKind Kind => ExternKind.Global;

    public GlobalType Type { get; }

    public WasmValue Value
    {
        get => WasmValue.FromBits(Type.Type, Bits, High, Ref);
        set
        {
            Bits = value.Type.Kind is ValKind.I32 or ValKind.F32 ? (uint)value.Lo : value.Lo;
            High = value.Hi;
            Ref = value.Ref;
        }
    }

    public Vector128<byte> V128 => Vector128.Create(Bits, High).AsByte();
}
