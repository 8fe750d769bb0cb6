using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace WasmJit;

/// <summary>Lookups over the generated opcode table (Opcodes.g.cs).</summary>
internal static partial class OpcodeTable
{
    public const ushort Invalid = 0xFFFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref readonly OpcodeInfo Info(Opcode op) => ref s_infos[(int)op];

    public static ReadOnlySpan<OpcodeInfo> All => s_infos;

    /// <summary>The opcode of a single byte, or false if the byte is a prefix or unassigned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetSingle(byte b, out Opcode op)
    {
        ushort v = s_single[b];
        op = (Opcode)v;
        return v != Invalid;
    }

    public static bool IsPrefix(byte b) => b is 0xfb or 0xfc or 0xfd or 0xfe;

    public static bool TryGetPrefixed(byte prefix, uint code, out Opcode op)
    {
        ushort[] table = prefix switch
        {
            0xfb => s_prefixfb,
            0xfc => s_prefixfc,
            0xfd => s_prefixfd,
            0xfe => s_prefixfe,
            _ => [],
        };
        ushort v = code < (uint)table.Length ? table[code] : Invalid;
        op = (Opcode)v;
        return v != Invalid;
    }

    public static bool TryGetByName(string name, [NotNullWhen(true)] out Opcode op) => ByNameMap.Value.TryGetValue(name, out op);

    public static FrozenDictionary<string, Opcode> ByName => ByNameMap.Value;

    public static string Name(Opcode op) => s_infos[(int)op].Name;

    /// <summary>True when every feature the opcode needs is enabled (the one feature gate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsEnabled(Opcode op, WasmFeatures enabled) => (s_infos[(int)op].Feature & ~enabled) == 0;
}
