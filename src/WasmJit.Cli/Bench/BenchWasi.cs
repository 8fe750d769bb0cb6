using WasmJit.Runtime;
using WasmJit.Wasi;

namespace WasmJit.Cli.Bench;

/// <summary>
/// An interim binding of WASI preview1 (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md) to
/// the internal runtime, enough for the benchmark kernels and small command programs: args, environ, clocks,
/// random, stdio <c>fd_*</c>, prestat, <c>proc_exit</c>. Any other <c>wasi_snapshot_preview1</c> import links to a
/// function returning ENOSYS. It goes through the generic <see cref="HostFunction"/> (an array per call), which the
/// kernels call only a handful of times. Replace it with the public API's WASI binding once that lands on main.
/// </summary>
internal sealed class BenchWasi
{
    public const string ModuleName = "wasi_snapshot_preview1";

    private readonly WasiContext _context;
    private MemoryInstance? _memory;

    public BenchWasi(WasiContext context) => _context = context;

    /// <summary>Set after instantiation: the instance's exported <c>memory</c>, which every pointer refers to.</summary>
    public void Attach(ModuleInstance instance) => _memory = instance.GetExport("memory") as MemoryInstance;

    /// <summary>Resolves WASI imports; other modules are left unresolved (the store reports "unknown import").</summary>
    public ExternValue? Resolve(WasmModule module, Import import)
    {
        if (import.Module != ModuleName || import.Kind != ExternKind.Func)
        {
            return null;
        }
        var type = module.FuncTypeAt(import.TypeIndex);
        Func<WasmValue[], int> body = Bind(import.Name);
        return FunctionInstance.FromHost(type, args =>
        {
            int errno = body(args);
            return type.Results.Length == 1 ? [WasmValue.FromI32(errno)] : [];
        }, $"{ModuleName}.{import.Name}");
    }

    private Func<WasmValue[], int> Bind(string name) => name switch
    {
        "args_sizes_get" => a => Call(m => _context.ArgsSizesGet(m, U(a, 0), U(a, 1))),
        "args_get" => a => Call(m => _context.ArgsGet(m, U(a, 0), U(a, 1))),
        "environ_sizes_get" => a => Call(m => _context.EnvironSizesGet(m, U(a, 0), U(a, 1))),
        "environ_get" => a => Call(m => _context.EnvironGet(m, U(a, 0), U(a, 1))),
        "clock_res_get" => a => Call(m => _context.ClockResGet(m, U(a, 0), U(a, 1))),
        "clock_time_get" => a => Call(m => _context.ClockTimeGet(m, U(a, 0), (ulong)a[1].I64, U(a, 2))),
        "random_get" => a => Call(m => _context.RandomGet(m, U(a, 0), U(a, 1))),
        "fd_write" => a => Call(m => _context.FdWrite(m, a[0].I32, U(a, 1), U(a, 2), U(a, 3))),
        "fd_read" => a => Call(m => _context.FdRead(m, a[0].I32, U(a, 1), U(a, 2), U(a, 3))),
        "fd_close" => a => Call(_ => _context.FdClose(a[0].I32)),
        "fd_seek" => a => Call(m => _context.FdSeek(m, a[0].I32, a[1].I64, U(a, 2), U(a, 3))),
        "fd_fdstat_get" => a => Call(m => _context.FdFdstatGet(m, a[0].I32, U(a, 1))),
        "fd_prestat_get" => a => Call(m => _context.FdPrestatGet(m, a[0].I32, U(a, 1))),
        "fd_prestat_dir_name" => a => Call(m => _context.FdPrestatDirName(m, a[0].I32, U(a, 1), U(a, 2))),
        "sched_yield" => _ => (int)WasiContext.SchedYield(),
        "proc_exit" => a =>
        {
            WasiContext.ProcExit(a[0].I32);
            return 0;
        },
        _ => _ => (int)Errno.NoSys,
    };

    private static uint U(WasmValue[] a, int i) => (uint)a[i].I32;

    private int Call(Func<IGuestMemory, Errno> call)
    {
        var memory = _memory ?? throw new InvalidOperationException("the module exports no memory for WASI to use");
        return WasiContext.Guard(() => call(new Guest(memory)));
    }

    /// <summary>The instance's memory as WASI sees it; out-of-bounds pointers fail with EFAULT.</summary>
    private sealed class Guest(MemoryInstance memory) : IGuestMemory
    {
        public Span<byte> Slice(uint ptr, uint length) =>
            memory.InBounds(ptr, length) && length <= int.MaxValue
                ? memory.Span(ptr, (int)length)
                : throw new WasiErrnoException(Errno.Fault);
    }
}
