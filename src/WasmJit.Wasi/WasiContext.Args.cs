using System.Text;

namespace WasmJit.Wasi;

internal sealed partial class WasiContext
{
    public Errno ArgsSizesGet(IGuestMemory m, uint argcPtr, uint bufSizePtr) =>
        SizesOf(m, _options.Args.Select(a => a), argcPtr, bufSizePtr);

    public Errno ArgsGet(IGuestMemory m, uint argvPtr, uint bufPtr) => WriteStrings(m, _options.Args.Select(a => a), argvPtr, bufPtr);

    public Errno EnvironSizesGet(IGuestMemory m, uint countPtr, uint bufSizePtr) => SizesOf(m, EnvStrings(), countPtr, bufSizePtr);

    public Errno EnvironGet(IGuestMemory m, uint environPtr, uint bufPtr) => WriteStrings(m, EnvStrings(), environPtr, bufPtr);

    private IEnumerable<string> EnvStrings() => _options.Environment.Select(kv => kv.Key + "=" + kv.Value);

    private static Errno SizesOf(IGuestMemory m, IEnumerable<string> strings, uint countPtr, uint sizePtr)
    {
        uint count = 0, size = 0;
        foreach (var s in strings)
        {
            count++;
            size += (uint)Encoding.UTF8.GetByteCount(s) + 1;
        }
        m.WriteU32(countPtr, count);
        m.WriteU32(sizePtr, size);
        return Errno.Success;
    }

    private static Errno WriteStrings(IGuestMemory m, IEnumerable<string> strings, uint ptrs, uint buf)
    {
        foreach (var s in strings)
        {
            m.WriteU32(ptrs, buf);
            ptrs += 4;
            int n = Encoding.UTF8.GetByteCount(s);
            var dst = m.Slice(buf, (uint)n + 1);
            Encoding.UTF8.GetBytes(s, dst);
            dst[n] = 0;
            buf += (uint)n + 1;
        }
        return Errno.Success;
    }
}
