using WasmJit.Embedding;
using WasmJit.Runtime;
using WasmJit.Wasi;

namespace WasmJit;

/// <summary>
/// Binds WASI preview1 (every function of <c>wasi_snapshot_preview1</c>,
/// https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md) into a <see cref="Linker"/> as typed host
/// functions over <see cref="WasiContext"/>. Each program gets its own context (fd table, preopens), created on
/// first use and closed with the program's store; each instance sees WASI through its own exported <c>memory</c>.
/// A program is one store, or with wasi-threads (<c>DefineWasiThreads</c>) the store that spawned threads plus
/// the stores of its threads: they all share one (thread-safe) context, as one process shares one fd table. The
/// context is looked up once per instance, so a call costs no lookup either way.
/// <para>
/// A WASI function that fails returns its errno to the program. <c>proc_exit</c> throws
/// <see cref="WasiExitException"/>, which unwinds the wasm frames and leaves the API call exactly as thrown (it is
/// not a trap): catch it around <c>_start</c> to get the exit code.
/// </para>
/// </summary>
public static class WasiLinkerExtensions
{
    private const string M = "wasi_snapshot_preview1";

    /// <summary>Defines all of <c>wasi_snapshot_preview1</c> with <paramref name="options"/> (default: no args, env or dirs).</summary>
    public static Linker DefineWasi(this Linker linker, WasiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(linker);
        var b = new WasiBinder(options ?? WasiOptions.Default);

        // args, environ
        linker.DefineFunction(M, "args_get", (Caller c, uint argv, uint buf) => b.Run(c, (w, m) => w.ArgsGet(m, argv, buf)));
        linker.DefineFunction(M, "args_sizes_get", (Caller c, uint argc, uint size) => b.Run(c, (w, m) => w.ArgsSizesGet(m, argc, size)));
        linker.DefineFunction(M, "environ_get", (Caller c, uint env, uint buf) => b.Run(c, (w, m) => w.EnvironGet(m, env, buf)));
        linker.DefineFunction(M, "environ_sizes_get", (Caller c, uint count, uint size) => b.Run(c, (w, m) => w.EnvironSizesGet(m, count, size)));

        // clocks
        linker.DefineFunction(M, "clock_res_get", (Caller c, uint id, uint res) => b.Run(c, (w, m) => w.ClockResGet(m, id, res)));
        linker.DefineFunction(M, "clock_time_get", (Caller c, uint id, ulong precision, uint time) =>
            b.Run(c, (w, m) => w.ClockTimeGet(m, id, precision, time)));

        // fd
        linker.DefineFunction(M, "fd_advise", (Caller c, int fd, ulong offset, ulong len, uint advice) =>
            b.Run(c, (w, _) => w.FdAdvise(fd, offset, len, advice)));
        linker.DefineFunction(M, "fd_allocate", (Caller c, int fd, ulong offset, ulong len) => b.Run(c, (w, _) => w.FdAllocate(fd, offset, len)));
        linker.DefineFunction(M, "fd_close", (Caller c, int fd) => b.Run(c, (w, _) => w.FdClose(fd)));
        linker.DefineFunction(M, "fd_datasync", (Caller c, int fd) => b.Run(c, (w, _) => w.FdDatasync(fd)));
        linker.DefineFunction(M, "fd_fdstat_get", (Caller c, int fd, uint ptr) => b.Run(c, (w, m) => w.FdFdstatGet(m, fd, ptr)));
        linker.DefineFunction(M, "fd_fdstat_set_flags", (Caller c, int fd, uint flags) => b.Run(c, (w, _) => w.FdFdstatSetFlags(fd, flags)));
        linker.DefineFunction(M, "fd_fdstat_set_rights", (Caller c, int fd, ulong rightsBase, ulong inheriting) =>
            b.Run(c, (w, _) => w.FdFdstatSetRights(fd, rightsBase, inheriting)));
        linker.DefineFunction(M, "fd_filestat_get", (Caller c, int fd, uint ptr) => b.Run(c, (w, m) => w.FdFilestatGet(m, fd, ptr)));
        linker.DefineFunction(M, "fd_filestat_set_size", (Caller c, int fd, ulong size) => b.Run(c, (w, _) => w.FdFilestatSetSize(fd, size)));
        linker.DefineFunction(M, "fd_filestat_set_times", (Caller c, int fd, ulong atim, ulong mtim, uint flags) =>
            b.Run(c, (w, _) => w.FdFilestatSetTimes(fd, atim, mtim, flags)));
        linker.DefineFunction(M, "fd_pread", (Caller c, int fd, uint iovs, uint iovsLen, ulong offset, uint nread) =>
            b.Run(c, (w, m) => w.FdPread(m, fd, iovs, iovsLen, offset, nread)));
        linker.DefineFunction(M, "fd_prestat_get", (Caller c, int fd, uint ptr) => b.Run(c, (w, m) => w.FdPrestatGet(m, fd, ptr)));
        linker.DefineFunction(M, "fd_prestat_dir_name", (Caller c, int fd, uint path, uint len) =>
            b.Run(c, (w, m) => w.FdPrestatDirName(m, fd, path, len)));
        linker.DefineFunction(M, "fd_pwrite", (Caller c, int fd, uint iovs, uint iovsLen, ulong offset, uint nwritten) =>
            b.Run(c, (w, m) => w.FdPwrite(m, fd, iovs, iovsLen, offset, nwritten)));
        linker.DefineFunction(M, "fd_read", (Caller c, int fd, uint iovs, uint iovsLen, uint nread) =>
            b.Run(c, (w, m) => w.FdRead(m, fd, iovs, iovsLen, nread)));
        linker.DefineFunction(M, "fd_readdir", (Caller c, int fd, uint buf, uint bufLen, ulong cookie, uint used) =>
            b.Run(c, (w, m) => w.FdReaddir(m, fd, buf, bufLen, cookie, used)));
        linker.DefineFunction(M, "fd_renumber", (Caller c, int fd, int to) => b.Run(c, (w, _) => w.FdRenumber(fd, to)));
        linker.DefineFunction(M, "fd_seek", (Caller c, int fd, long offset, uint whence, uint newOffset) =>
            b.Run(c, (w, m) => w.FdSeek(m, fd, offset, whence, newOffset)));
        linker.DefineFunction(M, "fd_sync", (Caller c, int fd) => b.Run(c, (w, _) => w.FdSync(fd)));
        linker.DefineFunction(M, "fd_tell", (Caller c, int fd, uint ptr) => b.Run(c, (w, m) => w.FdTell(m, fd, ptr)));
        linker.DefineFunction(M, "fd_write", (Caller c, int fd, uint iovs, uint iovsLen, uint nwritten) =>
            b.Run(c, (w, m) => w.FdWrite(m, fd, iovs, iovsLen, nwritten)));

        // path
        linker.DefineFunction(M, "path_create_directory", (Caller c, int fd, uint path, uint len) =>
            b.Run(c, (w, m) => w.PathCreateDirectory(m, fd, path, len)));
        linker.DefineFunction(M, "path_filestat_get", (Caller c, int fd, uint flags, uint path, uint len, uint buf) =>
            b.Run(c, (w, m) => w.PathFilestatGet(m, fd, flags, path, len, buf)));
        linker.DefineFunction(M, "path_filestat_set_times", (Caller c, int fd, uint flags, uint path, uint len, ulong atim, ulong mtim, uint fst) =>
            b.Run(c, (w, m) => w.PathFilestatSetTimes(m, fd, flags, path, len, atim, mtim, fst)));
        linker.DefineFunction(M, "path_link", (Caller c, int oldFd, uint oldFlags, uint oldPath, uint oldLen, int newFd, uint newPath, uint newLen) =>
            b.Run(c, (w, m) => w.PathLink(m, oldFd, oldFlags, oldPath, oldLen, newFd, newPath, newLen)));
        linker.DefineFunction(M, "path_open", (Caller c, int fd, uint dirFlags, uint path, uint len, uint oflags, ulong rightsBase,
            ulong rightsInheriting, uint fdFlags, uint fdPtr) =>
            b.Run(c, (w, m) => w.PathOpen(m, fd, dirFlags, path, len, oflags, rightsBase, rightsInheriting, fdFlags, fdPtr)));
        linker.DefineFunction(M, "path_readlink", (Caller c, int fd, uint path, uint len, uint buf, uint bufLen, uint used) =>
            b.Run(c, (w, m) => w.PathReadlink(m, fd, path, len, buf, bufLen, used)));
        linker.DefineFunction(M, "path_remove_directory", (Caller c, int fd, uint path, uint len) =>
            b.Run(c, (w, m) => w.PathRemoveDirectory(m, fd, path, len)));
        linker.DefineFunction(M, "path_rename", (Caller c, int fd, uint oldPath, uint oldLen, int newFd, uint newPath, uint newLen) =>
            b.Run(c, (w, m) => w.PathRename(m, fd, oldPath, oldLen, newFd, newPath, newLen)));
        linker.DefineFunction(M, "path_symlink", (Caller c, uint oldPath, uint oldLen, int fd, uint newPath, uint newLen) =>
            b.Run(c, (w, m) => w.PathSymlink(m, oldPath, oldLen, fd, newPath, newLen)));
        linker.DefineFunction(M, "path_unlink_file", (Caller c, int fd, uint path, uint len) =>
            b.Run(c, (w, m) => w.PathUnlinkFile(m, fd, path, len)));

        // poll, proc, sched, random
        linker.DefineFunction(M, "poll_oneoff", (Caller c, uint input, uint output, uint count, uint nevents) =>
            b.Run(c, (w, m) => w.PollOneoff(m, input, output, count, nevents)));
        linker.DefineFunction(M, "proc_exit", (int code) => WasiContext.ProcExit(code));
        linker.DefineFunction(M, "proc_raise", (uint signal) => (int)WasiContext.ProcRaise(signal));
        linker.DefineFunction(M, "sched_yield", () => (int)WasiContext.SchedYield());
        linker.DefineFunction(M, "random_get", (Caller c, uint buf, uint len) => b.Run(c, (w, m) => w.RandomGet(m, buf, len)));

        // sock
        linker.DefineFunction(M, "sock_accept", (Caller c, int fd, uint flags, uint fdPtr) => b.Run(c, (w, m) => w.SockAccept(m, fd, flags, fdPtr)));
        linker.DefineFunction(M, "sock_recv", (Caller c, int fd, uint data, uint dataLen, uint flags, uint lenPtr, uint flagsPtr) =>
            b.Run(c, (w, m) => w.SockRecv(m, fd, data, dataLen, flags, lenPtr, flagsPtr)));
        linker.DefineFunction(M, "sock_send", (Caller c, int fd, uint data, uint dataLen, uint flags, uint lenPtr) =>
            b.Run(c, (w, m) => w.SockSend(m, fd, data, dataLen, flags, lenPtr)));
        linker.DefineFunction(M, "sock_shutdown", (Caller c, int fd, uint how) => b.Run(c, (w, _) => w.SockShutdown(fd, how)));
        return linker;
    }

    /// <summary>One <c>DefineWasi</c>: its options, and the key of its per-store context and per-instance memory view.</summary>
    private sealed class WasiBinder(WasiOptions options)
    {
        /// <summary>Runs one call against the caller's store context and memory; a <see cref="WasiErrnoException"/> becomes its errno.</summary>
        public int Run(Caller caller, Func<WasiContext, IGuestMemory, Errno> call)
        {
            var binding = caller.Context.GetState(this, Bind);
            try
            {
                return (int)call(binding.Context, binding.Memory);
            }
            catch (WasiErrnoException e)
            {
                // Same as WasiContext.Guard, without a second closure per call.
                return (int)e.Errno;
            }
        }

        // Store.GetOrAddState keys on the program's first store (the same store when there are no threads).
        private WasiInstanceBinding Bind(CallerContext caller) => new(
            caller.Store.GetOrAddState(this, () => new WasiContext(options)),
            new InstanceGuestMemory(caller));
    }

    private sealed record WasiInstanceBinding(WasiContext Context, IGuestMemory Memory);
}

/// <summary>WASI's view of the calling instance's exported "memory": 32-bit pointers, out of bounds = EFAULT.</summary>
internal sealed class InstanceGuestMemory(CallerContext caller) : IGuestMemory
{
    public unsafe Span<byte> Slice(uint ptr, uint length)
    {
        var memory = caller.DefaultMemory
            ?? throw new InvalidOperationException("WASI needs the module to export its linear memory as \"memory\"");
        if (!memory.InBounds(ptr, length) || length > int.MaxValue)
        {
            throw new WasiErrnoException(Errno.Fault);
        }
        return new Span<byte>(memory.Base + ptr, (int)length);
    }
}
