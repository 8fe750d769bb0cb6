using System.Diagnostics;

namespace WasmJit.Runtime;

/// <summary>
/// The one thread that fires store timeouts (<see cref="ExecutionLimiter"/>'s deadlines). Not a
/// <see cref="System.Threading.Timer"/>: those call back on the thread pool, and a host whose pool is starved (blocking
/// work, or a test run full of it) delayed a 100 ms timeout by seconds, while the infinite loop it should stop kept a
/// core. A dedicated thread keeps "every loop can be interrupted on time" independent of what else the host does.
/// <para>
/// Each limiter has at most one pending deadline here (<see cref="ExecutionLimiter"/> tracks that); a deadline that
/// fires early (the limiter was re-armed later meanwhile) is re-armed by the limiter itself, as a Timer's would be.
/// </para>
/// </summary>
internal static class DeadlineTimer
{
    private static readonly PriorityQueue<Action, long> s_queue = new();
    private static readonly object s_lock = new();
    private static Thread? s_thread;

    /// <summary>Calls <paramref name="fire"/> on the timer thread at <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) or soon after.</summary>
    public static void Schedule(long deadline, Action fire)
    {
        lock (s_lock)
        {
            s_queue.Enqueue(fire, deadline);
            if (s_thread is null)
            {
                s_thread = new Thread(Run) { IsBackground = true, Name = "WasmJit deadlines" };
                s_thread.Start();
            }
            Monitor.Pulse(s_lock);
        }
    }

    private static void Run()
    {
        var due = new List<Action>();
        while (true)
        {
            lock (s_lock)
            {
                while (true)
                {
                    if (s_queue.TryPeek(out _, out long deadline))
                    {
                        long left = deadline - Stopwatch.GetTimestamp();
                        if (left <= 0)
                        {
                            break;
                        }
                        Monitor.Wait(s_lock, TimeSpan.FromSeconds(Math.Min((double)left / Stopwatch.Frequency, int.MaxValue / 1000.0)));
                    }
                    else
                    {
                        Monitor.Wait(s_lock);
                    }
                }
                long now = Stopwatch.GetTimestamp();
                while (s_queue.TryPeek(out var fire, out long deadline) && deadline <= now)
                {
                    s_queue.Dequeue();
                    due.Add(fire);
                }
            }
            foreach (var fire in due)
            {
                try
                {
                    fire();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Trace.WriteLine($"WasmJit: deadline callback failed: {e}");
                }
            }
            due.Clear();
        }
    }
}
