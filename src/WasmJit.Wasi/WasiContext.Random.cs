using System.Security.Cryptography;

namespace WasmJit.Wasi;

internal sealed partial class WasiContext
{
    public Errno RandomGet(IGuestMemory m, uint buf, uint len)
    {
        RandomNumberGenerator.Fill(m.Slice(buf, len));
        return Errno.Success;
    }
}
