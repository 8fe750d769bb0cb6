namespace WasmJit.Tiering;

/// <summary>
/// One background thread per process that runs compilation jobs, hottest first. One is enough: compilation is
/// CPU-bound, the interpreter keeps running meanwhile, and a single worker keeps compiles from competing with wasm
/// threads for cores. A job that throws is dropped (the function simply stays interpreted).
/// <para>
/// Not first-come first-served: each job has a heat, read when the worker picks its next job (a function's call count
/// keeps growing while it waits interpreted), and the worker takes the hottest. A start-up-heavy program (CPython's
/// <c>python -c pass</c> asks for ~250 functions, ~2.5 ms of RyuJIT each) otherwise spent most of its run compiling
/// functions that were hot in an earlier phase, in request order, while the ones hot now stayed interpreted. Loop
/// entries (an activation waiting to move to compiled code) come before everything.
/// </para>
/// </summary>
internal static class CompileQueue
{
    private static readonly List<(Action Job, Func<long> Heat)> s_jobs = [];
    private static readonly Lazy<Thread> s_worker = new(() =>
    {
        var t = new Thread(Work) { IsBackground = true, Name = "WasmJit compiler" };
        t.Start();
        return t;
    });

    /// <summary>Heat of jobs that must run before any other (on-stack replacement into a running loop).</summary>
    public const long Urgent = long.MaxValue;

    public static void Post(Action job, Func<long> heat)
    {
        _ = s_worker.Value;
        lock (s_jobs)
        {
            s_jobs.Add((job, heat));
            Monitor.Pulse(s_jobs);
        }
    }

    private static Action Take()
    {
        lock (s_jobs)
        {
            while (s_jobs.Count == 0)
            {
                Monitor.Wait(s_jobs);
            }
            int best = 0;
            long bestHeat = long.MinValue;
            for (int i = 0; i < s_jobs.Count; i++)
            {
                long h = s_jobs[i].Heat();
                if (h > bestHeat)
                {
                    (best, bestHeat) = (i, h);
                }
            }
            var job = s_jobs[best].Job;
            s_jobs.RemoveAt(best);
            return job;
        }
    }

    private static void Work()
    {
        while (true)
        {
            var job = Take();
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
