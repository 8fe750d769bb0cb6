using System.Collections.Concurrent;

namespace WasmJit.Tiering;

/// <summary>
/// One background thread per process that runs compilation jobs in order. One is enough: compilation is CPU-bound,
/// the interpreter keeps running meanwhile, and a single worker keeps compiles from competing with wasm threads for
/// cores. A job that throws is dropped (the function simply stays interpreted).
/// </summary>
internal static class CompileQueue
{
    private static readonly BlockingCollection<Action> s_jobs = new(new ConcurrentQueue<Action>());
    private static readonly Lazy<Thread> s_worker = new(() =>
    {
        var t = new Thread(Work) { IsBackground = true, Name = "WasmJit compiler" };
        t.Start();
        return t;
    });

    public static void Post(Action job)
    {
        _ = s_worker.Value;
        s_jobs.Add(job);
    }

    private static void Work()
    {
        foreach (var job in s_jobs.GetConsumingEnumerable())
        {
            try
            {
                job();
            }
            catch (Exception e)
            {
                System.Diagnostics.Trace.WriteLine($"WasmJit: background compilation failed: {e}");
            }
        }
    }
}
