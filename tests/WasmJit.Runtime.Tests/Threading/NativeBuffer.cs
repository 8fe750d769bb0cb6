using System.Runtime.InteropServices;

namespace WasmJit.Runtime.Tests.Threading;

/// <summary>Zeroed native memory aligned to 64 bytes, standing in for a linear memory (whose base is page-aligned).</summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    public NativeBuffer(int size)
    {
        Size = size;
        Pointer = (byte*)NativeMemory.AlignedAlloc((nuint)size, 64);
        NativeMemory.Clear(Pointer, (nuint)size);
    }

    public byte* Pointer { get; private set; }

    public int Size { get; }

    public Span<byte> Span => new(Pointer, Size);

    public void Dispose()
    {
        if (Pointer != null)
        {
            NativeMemory.AlignedFree(Pointer);
            Pointer = null;
        }
    }
}
