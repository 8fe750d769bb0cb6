namespace WasmJit.Wasi;

internal sealed partial class WasiContext
{
    /// <summary>Ends the program: unwinds the wasm stack with <see cref="WasiExitException"/>.</summary>
    public static void ProcExit(int code) => throw new WasiExitException(code);

    /// <summary>Signals are not supported; raising one is reported as unsupported rather than killing the host.</summary>
    public static Errno ProcRaise(uint signal)
    {
        _ = signal;
        return Errno.NotSup;
    }

    public static Errno SchedYield()
    {
        Thread.Yield();
        return Errno.Success;
    }
}
