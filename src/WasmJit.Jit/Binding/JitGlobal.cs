using System.Runtime.Intrinsics;

namespace WasmJit.Jit;

/// <summary>
/// A global's cell (https://webassembly.github.io/spec/core/exec/runtime.html#global-instances): numbers and
/// vectors live in <see cref="Bits"/> (read through its address at the width of the type), references in
/// <see cref="Ref"/>. Stand-in for the runtime's GlobalInstance.
/// </summary>
internal sealed class JitGlobal(GlobalType type)
{
    public Vector128<byte> Bits;
    public object? Ref;

    public GlobalType Type { get; } = type;
}
