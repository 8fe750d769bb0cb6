using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.Extensions.ObjectPool;

namespace WasmJit.Runtime;

/// <summary>
/// The value stack of one thread of wasm execution, shared by every tier and by host calls: the calling
/// convention between tiers is "arguments in slots [base, base + n), results written back from base".
/// <para>
/// A slot is 8 bytes of native memory; i32 and f32 are stored zero-extended, a v128 takes two slots. References
/// cannot live in native memory, so a reference-typed slot is kept in <see cref="Refs"/> at the same index.
/// The native slots are allocated once and never move (frames may hold raw pointers into them); the
/// <see cref="Refs"/> array may be replaced when it grows, so code must re-read the field after any call.
/// </para>
/// Stacks are pooled (Microsoft.Extensions.ObjectPool) and bound to the current thread while wasm runs, so a
/// host function that calls back into wasm continues on the same stack above <see cref="Top"/>.
/// </summary>
internal sealed unsafe class WasmStack : IDisposable
{
    /// <summary>8 MiB of slots (virtual: pages are only committed when touched).</summary>
    public const int DefaultCapacity = 1 << 20;

    private static readonly ObjectPool<WasmStack> s_pool =
        new DefaultObjectPool<WasmStack>(new Policy(), Math.Max(4, Environment.ProcessorCount * 2));

    [ThreadStatic]
    private static WasmStack? t_current;

    private ulong* _slots;
    private int _refHigh;

    public WasmStack(int capacity = DefaultCapacity)
    {
        Capacity = capacity;
        _slots = (ulong*)NativeMemory.Alloc((nuint)capacity, sizeof(ulong));
        Refs = new object?[1024];
    }

    ~WasmStack() => Free();

    /// <summary>Base of the numeric slots; never moves.</summary>
    public ulong* Slots => _slots;

    public int Capacity { get; }

    /// <summary>Reference slots, parallel to <see cref="Slots"/>. Re-read after calls: growing replaces it.</summary>
    public object?[] Refs;

    /// <summary>First slot not used by any active frame (where a nested entry from the host starts).</summary>
    public int Top;

    /// <summary>Active wasm frames on this stack, across tiers and nested host calls.</summary>
    public int Depth;

    /// <summary>Engine-private state bound to this stack (the interpreter keeps its frame records here).</summary>
    public object? TierState;

    /// <summary>The stack bound to this thread while wasm runs on it, else null.</summary>
    public static WasmStack? Current => t_current;

    /// <summary>The stack bound to this thread, or a pooled one bound now (<paramref name="outermost"/> true).</summary>
    public static WasmStack Enter(out bool outermost)
    {
        var s = t_current;
        if (s is not null)
        {
            outermost = false;
            return s;
        }
        s = s_pool.Get();
        t_current = s;
        outermost = true;
        return s;
    }

    /// <summary>Unbinds and returns the stack to the pool when leaving the outermost entry.</summary>
    public static void Exit(WasmStack s, bool outermost)
    {
        if (!outermost)
        {
            return;
        }
        t_current = null;
        s_pool.Return(s);
    }

    /// <summary>Makes reference slots [0, end) addressable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object?[] EnsureRefs(int end)
    {
        if (end > _refHigh)
        {
            _refHigh = end;
            if (end > Refs.Length)
            {
                GrowRefs(end);
            }
        }
        return Refs;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowRefs(int end)
    {
        var bigger = new object?[Math.Max(end, Refs.Length * 2)];
        Array.Copy(Refs, bigger, Refs.Length);
        Refs = bigger;
    }

    public static int SlotCount(ValType t) => t.Kind == ValKind.V128 ? 2 : 1;

    public static int SlotCount(ReadOnlySpan<ValType> types)
    {
        int n = 0;
        foreach (var t in types)
        {
            n += SlotCount(t);
        }
        return n;
    }

    public void Write(int slot, in WasmValue v)
    {
        switch (v.Type.Kind)
        {
            case ValKind.V128:
                _slots[slot] = v.Lo;
                _slots[slot + 1] = v.Hi;
                break;
            case ValKind.Ref:
                EnsureRefs(slot + 1)[slot] = v.Ref;
                break;
            case ValKind.I32:
            case ValKind.F32:
                _slots[slot] = (uint)v.Lo;
                break;
            default:
                _slots[slot] = v.Lo;
                break;
        }
    }

    public WasmValue Read(int slot, ValType t) => t.Kind switch
    {
        ValKind.V128 => WasmValue.FromBits(t, _slots[slot], _slots[slot + 1], null),
        ValKind.Ref => WasmValue.FromRef(t, EnsureRefs(slot + 1)[slot]),
        ValKind.I32 or ValKind.F32 => WasmValue.FromBits(t, (uint)_slots[slot], 0, null),
        _ => WasmValue.FromBits(t, _slots[slot], 0, null),
    };

    /// <summary>Writes values of the given types contiguously from <paramref name="slot"/>.</summary>
    public void WriteAll(int slot, ReadOnlySpan<WasmValue> values)
    {
        foreach (var v in values)
        {
            Write(slot, v);
            slot += SlotCount(v.Type);
        }
    }

    public WasmValue[] ReadAll(int slot, ReadOnlySpan<ValType> types)
    {
        if (types.Length == 0)
        {
            return [];
        }
        var result = new WasmValue[types.Length];
        for (int i = 0; i < types.Length; i++)
        {
            result[i] = Read(slot, types[i]);
            slot += SlotCount(types[i]);
        }
        return result;
    }

    public Vector128<byte> ReadV128(int slot) => Unsafe.ReadUnaligned<Vector128<byte>>(_slots + slot);

    /// <summary>Fails with "call stack exhausted" unless slots [0, end) fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckCapacity(long end)
    {
        if (end > Capacity)
        {
            WasmTrapException.Throw(TrapKind.CallStackExhausted);
        }
    }

    private void Reset()
    {
        Top = 0;
        Depth = 0;
        Array.Clear(Refs, 0, Math.Min(_refHigh, Refs.Length));
        _refHigh = 0;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_slots is not null)
        {
            NativeMemory.Free(_slots);
            _slots = null;
        }
    }

    private sealed class Policy : PooledObjectPolicy<WasmStack>
    {
        public override WasmStack Create() => new();

        public override bool Return(WasmStack obj)
        {
            obj.Reset();
            return true;
        }
    }
}
