namespace WasmJit.Cli;

/// <summary>
/// A write-only stream that forwards to another until <see cref="Close"/>, then drops every write: the standard
/// streams of a wasi-threads program, so that a thread still running when <c>wasmjit run</c> returns (it could not
/// be stopped: blocked in a host call) never writes to the command's output afterwards. Writes are serialised, so
/// the inner stream (e.g. a <see cref="TextWriterStream"/> over a StringWriter) need not be thread-safe.
/// </summary>
internal sealed class GatedStream(Stream inner) : WriteOnlyStream
{
    private readonly object _lock = new();
    private bool _closed;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_lock)
        {
            if (!_closed)
            {
                inner.Write(buffer);
            }
        }
    }

    public override void Flush()
    {
        lock (_lock)
        {
            if (!_closed)
            {
                inner.Flush();
            }
        }
    }

    /// <summary>Flushes and closes the gate (not the inner stream, which is the command's).</summary>
    public override void Close()
    {
        lock (_lock)
        {
            if (!_closed)
            {
                inner.Flush();
                _closed = true;
            }
        }
    }
}
