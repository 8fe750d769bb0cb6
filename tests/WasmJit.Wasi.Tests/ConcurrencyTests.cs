using System.Text;
using WasmJit.Wasi;

namespace WasmJit.Wasi.Tests;

/// <summary>
/// One WASI context used by many threads at once, as a wasi-threads program does (one fd table for all threads):
/// a hammer test of opening, reading, writing and closing with the invariants checked at the end.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;
    private const int Iterations = 1000;

    /// <summary>Each record written to stdout: 16 bytes, so a torn or interleaved write is visible.</summary>
    private static string Record(int thread, int i) => $"t{thread}:{i:D5}-------"[..15] + "\n";

    [Fact]
    public void ThreadsOpenReadWriteAndCloseThroughOneFdTable()
    {
        using var h = new WasiHarness();
        for (int t = 0; t < Threads; t++)
        {
            File.WriteAllText(Path.Combine(h.Sandbox, $"f{t}.txt"), $"contents of file {t}");
        }
        var failures = new List<string>();
        var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            // Each thread has its own guest memory, as each wasm thread has its own stack area.
            var m = new ArrayGuestMemory(new byte[4096]);
            var name = Encoding.UTF8.GetBytes($"f{t}.txt");
            name.CopyTo(m.Bytes, 0);
            start.SignalAndWait();
            for (int i = 0; i < Iterations; i++)
            {
                var e = h.Call(() => h.Context.PathOpen(m, WasiHarness.DirFd, 0, 0, (uint)name.Length, 0, 2, 0, 0, 64));
                if (e != Errno.Success)
                {
                    Fail($"thread {t}: path_open: {e}");
                    return;
                }
                int fd = (int)m.ReadU32(64);
                // Read through the number we were given: it must be our file, whatever the others open and close.
                m.WriteU32(128, 1024);
                m.WriteU32(132, 512);
                e = h.Call(() => h.Context.FdRead(m, fd, 128, 1, 136));
                string got = Encoding.UTF8.GetString(m.Bytes, 1024, (int)m.ReadU32(136));
                if (e != Errno.Success || got != $"contents of file {t}")
                {
                    Fail($"thread {t}: fd {fd} read {e} '{got}'");
                    return;
                }
                Encoding.ASCII.GetBytes(Record(t, i)).CopyTo(m.Bytes, 2048);
                m.WriteU32(144, 2048);
                m.WriteU32(148, 16);
                e = h.Call(() => h.Context.FdWrite(m, 1, 144, 1, 152));
                if (e != Errno.Success || m.ReadU32(152) != 16)
                {
                    Fail($"thread {t}: fd_write {e}");
                    return;
                }
                e = h.Call(() => h.Context.FdClose(fd));
                if (e != Errno.Success)
                {
                    Fail($"thread {t}: fd_close({fd}) {e}");
                    return;
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => Assert.True(w.Join(TimeSpan.FromSeconds(60))));
        lock (failures)
        {
            Assert.Empty(failures);
        }

        // Every record is whole (writes to one fd do not interleave) and each appears exactly once.
        var records = Encoding.ASCII.GetString(h.Stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = Enumerable.Range(0, Threads).SelectMany(t => Enumerable.Range(0, Iterations).Select(i => Record(t, i)[..15]));
        Assert.Equal(expected.Order(), records.Order());

        // Every fd was closed: the next open gets the lowest number above the preopen again.
        Assert.Equal(Errno.Success, h.Open("f0.txt", 0, 2, out int next));
        Assert.Equal(WasiHarness.DirFd + 1, next);

        void Fail(string message)
        {
            lock (failures)
            {
                failures.Add(message);
            }
        }
    }

    [Fact]
    public void ClosingAnFdTwiceFromTwoThreadsSucceedsOnce()
    {
        using var h = new WasiHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "x.txt"), "x");
        for (int round = 0; round < 50; round++)
        {
            Assert.Equal(Errno.Success, h.Open("x.txt", 0, 2, out int fd));
            var results = new Errno[2];
            var both = new Barrier(2);
            var closers = Enumerable.Range(0, 2).Select(k => new Thread(() =>
            {
                both.SignalAndWait();
                results[k] = h.Call(() => h.Context.FdClose(fd));
            })).ToList();
            closers.ForEach(c => c.Start());
            closers.ForEach(c => c.Join());
            Assert.Equal([Errno.Success, Errno.Badf], results.Order());
        }
    }
}
