using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WasmJit.PublicApi.Tests;

/// <summary>
/// A WASI preview1 server on a preopened socket (issue #7), through the public API only: the host listens on a
/// loopback port, preopens the listener with <see cref="WasiOptions.WithPreopenedSocket"/>, runs the program on
/// a thread and talks to it with a <see cref="TcpClient"/>.
/// </summary>
public sealed class WasiSocketTests
{
    /// <summary>
    /// Accepts one connection on fd 3, sock_recv's until a newline (the line may come in pieces), upper-cases it and
    /// sock_send's it back after a prefix (two ciovecs), then shuts down writing and closes the connection.
    /// Memory: 0 accepted fd; 8 two iovecs; 32 ro_datalen; 36 ro_flags; 40 so_datalen; 64 "echo: "; 128 the line.
    /// A failing call exits with 100 + errno.
    /// </summary>
    private const string EchoServer = """
        (module
          (import "wasi_snapshot_preview1" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_recv" (func $recv (param i32 i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_send" (func $send (param i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_shutdown" (func $shutdown (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 64) "echo: ")
          (func $check (param i32)
            (if (local.get 0) (then (call $exit (i32.add (i32.const 100) (local.get 0))))))
          (func (export "_start")
            (local $fd i32) (local $len i32) (local $n i32) (local $i i32) (local $c i32)
            (call $check (call $accept (i32.const 3) (i32.const 0) (i32.const 0)))
            (local.set $fd (i32.load (i32.const 0)))
            (block $done
              (loop $more
                (i32.store (i32.const 8) (i32.add (i32.const 128) (local.get $len)))
                (i32.store (i32.const 12) (i32.sub (i32.const 1000) (local.get $len)))
                (call $check (call $recv (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 0) (i32.const 32) (i32.const 36)))
                (local.set $n (i32.load (i32.const 32)))
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $len (i32.add (local.get $len) (local.get $n)))
                (br_if $done (i32.eq (i32.load8_u (i32.add (i32.const 127) (local.get $len))) (i32.const 10)))
                (br $more)))
            (block $end
              (loop $up
                (br_if $end (i32.ge_u (local.get $i) (local.get $len)))
                (local.set $c (i32.load8_u (i32.add (i32.const 128) (local.get $i))))
                (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
                  (then (i32.store8 (i32.add (i32.const 128) (local.get $i)) (i32.sub (local.get $c) (i32.const 32)))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $up)))
            (i32.store (i32.const 8) (i32.const 64))
            (i32.store (i32.const 12) (i32.const 6))
            (i32.store (i32.const 16) (i32.const 128))
            (i32.store (i32.const 20) (local.get $len))
            (call $check (call $send (local.get $fd) (i32.const 8) (i32.const 2) (i32.const 0) (i32.const 40)))
            (call $check (call $shutdown (local.get $fd) (i32.const 2)))
            (call $check (call $close (local.get $fd)))))
        """;

    [Theory]
    [InlineData(ProgramEngines.Interp)]
    [InlineData(ProgramEngines.Jit)]
    [InlineData(ProgramEngines.Tiered)]
    public void EchoServerOnAPreopenedSocket(string engineName)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var engine = new Engine(ProgramEngines.Config(engineName));
        var module = Module.FromText(engine, EchoServer);
        using var store = new Store(engine);
        Instance? instance = null;
        Exception? failure = null;
        var server = new Thread(() =>
        {
            try
            {
                instance = new Linker(engine).DefineWasi(WasiOptions.Default.WithPreopenedSocket(listener)).Instantiate(store, module);
                instance.GetAction("_start")();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true };
        server.Start();

        using var client = new TcpClient();
        client.Connect((IPEndPoint)listener.LocalEndPoint!);
        var stream = client.GetStream();
        stream.ReadTimeout = 20_000;
        // In two pieces: the program must keep receiving until the newline.
        stream.Write("hello, "u8);
        stream.Flush();
        Thread.Sleep(20);
        stream.Write("Socket 7\n"u8);
        var reply = new MemoryStream();
        stream.CopyTo(reply); // to the end: the program shut its side down

        Assert.True(server.Join(TimeSpan.FromSeconds(20)), "the program did not end");
        Assert.Null(failure);
        Assert.Equal("echo: HELLO, SOCKET 7\n", Encoding.UTF8.GetString(reply.ToArray()));
        Assert.Equal(22, instance!.GetMemory("memory")!.Read<int>(40)); // so_datalen: both ciovecs
        // The listener stays the host's: the program ending does not close it.
        Assert.True(listener.IsBound);
        Assert.False(listener.Poll(0, SelectMode.SelectRead));
    }

    [Fact]
    public void OnlyListeningStreamSocketsCanBePreopened()
    {
        using var unbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Throws<ArgumentException>(() => WasiOptions.Default.WithPreopenedSocket(unbound));
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.Throws<ArgumentException>(() => WasiOptions.Default.WithPreopenedSocket(udp));
    }
}
