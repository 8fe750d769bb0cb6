using System.Collections.Concurrent;
using System.Reflection;

namespace WasmJit.Jit;

/// <summary>
/// Finds the shared numeric implementation of an opcode: <c>WasmJit.Runtime.Numerics.ScalarOps</c> /
/// <c>SimdOps</c> have one static method per non-trivial numeric and SIMD opcode, named like its
/// <see cref="Opcode"/> member. Both tiers call the same methods, so they agree bit for bit; RyuJIT inlines the
/// small ones into the compiled function.
/// </summary>
internal static class OpMethods
{
    private static readonly Type[] s_hosts = FindHosts();
    private static readonly ConcurrentDictionary<Opcode, MethodInfo?> s_cache = new();

    public static MethodInfo? Find(Opcode op) => s_cache.GetOrAdd(op, static op =>
    {
        string name = op.ToString();
        foreach (var t in s_hosts)
        {
            foreach (var m in t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            {
                if (m.Name == name)
                {
                    return m;
                }
            }
        }
        return null;
    });

    private static Type[] FindHosts()
    {
        var list = new List<Type>();
        foreach (var asm in new[] { typeof(WasmTrapException).Assembly, typeof(WasmModule).Assembly })
        {
            foreach (var n in new[] { "WasmJit.Runtime.Numerics.ScalarOps", "WasmJit.Runtime.Numerics.SimdOps" })
            {
                if (asm.GetType(n) is { } t)
                {
                    list.Add(t);
                }
            }
        }
        return [.. list];
    }
}
