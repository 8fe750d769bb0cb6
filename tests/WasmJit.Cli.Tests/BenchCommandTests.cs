using System.Text.Json;
using WasmJit.Cli.Bench;
using WasmJit.Cli.Commands;
using WasmJit.Runtime;
using WasmJit.SpecRunner;

namespace WasmJit.Cli.Tests;

public class BenchCommandTests
{
    /// <summary>A WASI command that prints one checksum line through fd_write.</summary>
    private const string ChecksumCommand = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "checksum: 42\n")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 13))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
        """;

    private const string Library = """
        (module
          (func (export "sum") (param $n i32) (result i64) (local $acc i64)
            (loop $l
              (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n))))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $acc)))
        """;

    private static string RepoFile(string relative) =>
        Path.Combine(TestSuiteLocator.FindRepositoryRoot(AppContext.BaseDirectory)!, relative);

    [Fact]
    public async Task Reports_only_its_own_tier_ups_while_other_stores_in_the_process_tier_up()
    {
        // Another engine of the same process keeps tiering up (fresh stores, budget 1 call) while the interpreter is
        // benchmarked: the bench must report none of those (it once listened to the process-wide EventSource).
        using var stop = new CancellationTokenSource();
        var other = Task.Run(() =>
        {
            var engine = new Engine(EngineConfig.Default.WithStrategy(ExecutionStrategy.Tiered).WithTierUpThresholds(1, 1));
            var module = Module.FromText(engine, "(module (func (export \"f\") (result i32) (i32.const 7)))");
            int runs = 0;
            while (!stop.IsCancellationRequested || runs == 0)
            {
                using var store = new Store(engine);
                var f = new Linker(engine).Instantiate(store, module).GetFunction<int>("f");
                Assert.Equal(7, f() + f() - f());
                runs++;
            }
            return runs;
        });
        var r = Cli.Run("bench", RepoFile("perf/kernels/hello.wasm"), "-n", "3", "-w", "1");
        stop.Cancel();
        Assert.True(await other > 0);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("tier-up events: none (the interpreter never tiers up)", r.Out);
    }

    [Fact]
    public void Runs_start_checks_output_and_writes_json_and_chart()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var svg = Path.Combine(dir.Path, "r.svg");
        var hello = RepoFile("perf/kernels/hello.wasm");
        var r = Cli.Run("bench", hello, "-n", "3", "-w", "1", "--json", json, "--chart", svg);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("hello, world", r.Out);
        Assert.Contains("wasmjit interp", r.Out);
        Assert.Contains("tier-up events: none (the interpreter never tiers up)", r.Out);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.True(root.GetProperty("available").GetBoolean());
        Assert.Equal("interp", root.GetProperty("engine").GetString());
        Assert.StartsWith("hello, world\nargc: 1\nargv[0]: ", root.GetProperty("output").GetString());
        Assert.Equal(1, root.GetProperty("warmupTimesMs").GetArrayLength());
        var series = root.GetProperty("series");
        Assert.Equal(1, series.GetArrayLength());
        var times = series[0].GetProperty("timesMs").EnumerateArray().Select(t => t.GetDouble()).ToList();
        Assert.Equal(3, times.Count);
        Assert.All(times, t => Assert.True(t > 0));
        Assert.Equal(times.Min(), series[0].GetProperty("minMs").GetDouble());
        Assert.Equal(times.Max(), series[0].GetProperty("maxMs").GetDouble());

        var chart = File.ReadAllText(svg);
        Assert.StartsWith("<svg", chart);
        Assert.Contains("hello.wasm: time per iteration", chart);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(chart, "<circle").Count);
    }

    [Fact]
    public void Compares_with_a_native_command_interleaved_and_prints_the_ratio()
    {
        using var dir = new TempDir();
        var wat = dir.File("cmd.wat", ChecksumCommand);
        var json = Path.Combine(dir.Path, "r.json");
        var r = Cli.Run("bench", wat, "-n", "2", "-w", "0", "--compare", "native:/bin/echo checksum: 42", "--json", json);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("checksum: 42", r.Out);
        Assert.Contains("wasmjit interp / native = ", r.Out);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var series = doc.RootElement.GetProperty("series");
        Assert.Equal(["wasmjit interp", "native"], series.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        // Interleaved: our first run starts before native's first, which starts before our second.
        double ours0 = series[0].GetProperty("startsMs")[0].GetDouble();
        double native0 = series[1].GetProperty("startsMs")[0].GetDouble();
        double ours1 = series[0].GetProperty("startsMs")[1].GetDouble();
        Assert.True(ours0 < native0 && native0 < ours1, $"{ours0} {native0} {ours1}");
        double ratio = series[1].GetProperty("oursOverThis").GetDouble();
        Assert.Equal(series[0].GetProperty("medianMs").GetDouble() / series[1].GetProperty("medianMs").GetDouble(), ratio, 9);
    }

    [Fact]
    public void A_comparison_printing_something_else_fails_the_benchmark()
    {
        using var dir = new TempDir();
        var wat = dir.File("cmd.wat", ChecksumCommand);
        var r = Cli.Run("bench", wat, "-n", "1", "-w", "0", "--compare", "native:/bin/echo checksum: 43");
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        Assert.Contains("output mismatch: native printed 'checksum: 43', wasmjit interp printed 'checksum: 42'", r.Err);
    }

    [Fact]
    public void Invokes_an_export_with_typed_arguments()
    {
        using var dir = new TempDir();
        var wat = dir.File("lib.wat", Library);
        var json = Path.Combine(dir.Path, "r.json");
        var r = Cli.Run("bench", wat, "--invoke", "sum", "1000", "-n", "4", "--json", json);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("500500", r.Out);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("invoke", doc.RootElement.GetProperty("mode").GetString());
        Assert.Equal("500500", doc.RootElement.GetProperty("output").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("series")[0].GetProperty("timesMs").GetArrayLength());
    }

    [Theory]
    [InlineData("--invoke", "sum")]
    [InlineData("--invoke", "sum", "x")]
    [InlineData("--invoke", "nope", "1")]
    [InlineData("--invoke", "sum", "1", "--compare", "node")]
    [InlineData("--compare", "cobol")]
    [InlineData("-n", "0")]
    public void Bad_arguments_are_usage_errors(params string[] args)
    {
        using var dir = new TempDir();
        var wat = dir.File("lib.wat", Library);
        var r = Cli.Run(["bench", wat, .. args]);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.StartsWith("wasmjit: ", r.Err);
    }

    [Theory]
    [InlineData("jit")]
    [InlineData("tiered")]
    public void An_engine_that_cannot_run_is_na_with_the_reason_never_numbers(string engine)
    {
        using var dir = new TempDir();
        var wat = dir.File("cmd.wat", ChecksumCommand);
        var json = Path.Combine(dir.Path, "r.json");
        var r = Cli.Run("bench", wat, "-e", engine, "-n", "1", "-w", "0", "--json", json);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var reason = BenchHost.Unavailable(BenchHost.ParseEngine(engine));
        if (reason is null)
        {
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.True(doc.RootElement.GetProperty("available").GetBoolean());
        }
        else
        {
            Assert.Equal(ExitCodes.Failed, r.ExitCode);
            Assert.Contains($"engine {engine}: n/a ({reason})", r.Err);
            Assert.False(doc.RootElement.GetProperty("available").GetBoolean());
            Assert.Equal(reason, doc.RootElement.GetProperty("reason").GetString());
            Assert.Equal(0, doc.RootElement.GetProperty("series").GetArrayLength());
        }
    }

    [Fact]
    public void The_interpreter_is_always_available()
    {
        Assert.Null(BenchHost.Unavailable(EngineKind.Interpreter));
    }

    [Fact]
    public void Native_commands_split_at_spaces_outside_quotes()
    {
        Assert.Equal(["./a.out", "1", "two words", ""], BenchCommand.SplitCommand("./a.out  1 \"two words\" \"\""));
        var c = BenchCommand.ParseComparisons("k.wasm", ["native:perf/kernels/native/fib 39"]);
        Assert.Equal(new Comparison("native", "perf/kernels/native/fib", ["39"]).CommandLine, c[0].CommandLine);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.3, 2)]
    [InlineData(43.9, 50)]
    [InlineData(0.021, 0.05)]
    [InlineData(600, 1000)]
    public void Chart_grid_steps_are_round(double rough, double step)
    {
        Assert.Equal(step, SvgChart.NiceStep(rough), 9);
    }

    [Fact]
    public void Tiered_reports_the_loop_tier_up_of_a_kernel()
    {
        // crc32's work is one long loop in main: it moves to compiled code at the loop header mid-call.
        var r = Cli.Run("bench", RepoFile("perf/kernels/crc32.wasm"), "--engine", "tiered", "-n", "1", "-w", "0");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("checksum: 32390806", r.Out);
        Assert.Contains("tier-up events:", r.Out);
        Assert.Contains("Loop, loop entry", r.Out);
    }
}
