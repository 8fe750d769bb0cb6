using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WasmJit.Jit;

/// <summary>
/// Typed reads and writes of <see cref="WasmStack"/> slots (the runtime's cross-tier convention: 8-byte slots, i32
/// and f32 zero-extended, v128 in two slots, references in <see cref="WasmStack.Refs"/> at the same index). Emitted
/// stubs at tier boundaries call these; RyuJIT inlines them.
/// </summary>
internal static unsafe class SlotAbi
{
    public static int GetI32(WasmStack s, int slot) => (int)s.Slots[slot];

    public static long GetI64(WasmStack s, int slot) => (long)s.Slots[slot];

    public static float GetF32(WasmStack s, int slot) => BitConverter.UInt32BitsToSingle((uint)s.Slots[slot]);

    public static double GetF64(WasmStack s, int slot) => BitConverter.UInt64BitsToDouble(s.Slots[slot]);

    public static Vector128<byte> GetV128(WasmStack s, int slot) => Unsafe.ReadUnaligned<Vector128<byte>>(s.Slots + slot);

    public static object? GetRef(WasmStack s, int slot) => s.EnsureRefs(slot + 1)[slot];

    public static void SetI32(WasmStack s, int slot, int v) => s.Slots[slot] = (uint)v;

    public static void SetI64(WasmStack s, int slot, long v) => s.Slots[slot] = (ulong)v;

    public static void SetF32(WasmStack s, int slot, float v) => s.Slots[slot] = BitConverter.SingleToUInt32Bits(v);

    public static void SetF64(WasmStack s, int slot, double v) => s.Slots[slot] = BitConverter.DoubleToUInt64Bits(v);

    public static void SetV128(WasmStack s, int slot, Vector128<byte> v) => Unsafe.WriteUnaligned(s.Slots + slot, v);

    public static void SetRef(WasmStack s, int slot, object? v) => s.EnsureRefs(slot + 1)[slot] = v;

    private static readonly MethodInfo[] s_getters = Methods("Get");
    private static readonly MethodInfo[] s_setters = Methods("Set");

    /// <summary><c>T Get(WasmStack, int slot)</c> for a value kind.</summary>
    public static MethodInfo Getter(ValKind kind) => s_getters[Index(kind)];

    /// <summary><c>void Set(WasmStack, int slot, T)</c> for a value kind.</summary>
    public static MethodInfo Setter(ValKind kind) => s_setters[Index(kind)];

    private static int Index(ValKind kind) => kind switch
    {
        ValKind.I32 => 0,
        ValKind.I64 => 1,
        ValKind.F32 => 2,
        ValKind.F64 => 3,
        ValKind.V128 => 4,
        _ => 5,
    };

    private static MethodInfo[] Methods(string prefix) =>
        [.. new[] { "I32", "I64", "F32", "F64", "V128", "Ref" }.Select(k => JitMembers.M(typeof(SlotAbi), prefix + k))];

    /// <summary>Slot offsets of each value of <paramref name="types"/> laid out from 0.</summary>
    public static int[] Offsets(ValType[] types)
    {
        var o = new int[types.Length];
        int slot = 0;
        for (int i = 0; i < types.Length; i++)
        {
            o[i] = slot;
            slot += WasmStack.SlotCount(types[i]);
        }
        return o;
    }
}
