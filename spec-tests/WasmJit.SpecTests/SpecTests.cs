using WasmJit.SpecRunner;

namespace WasmJit.SpecTests;

// One class per engine, so xunit runs the engines in parallel (test classes are its unit of parallelism).
// Each theory has one row per .wast file: the files the skip list skips whole come from a second data source
// marked Skip, so they show up as skipped, never as passed.

public class InterpreterSpecTests
{
    public static TheoryData<string> Files => SpecTestData.Runnable(SpecEngine.Interp);

    public static TheoryData<string> SkippedFiles => SpecTestData.Skipped(SpecEngine.Interp);

    [Theory]
    [MemberData(nameof(Files))]
    [MemberData(nameof(SkippedFiles), Skip = "whole file skipped by spec-tests/skip-list.json")]
    public void Wast(string file) => SpecTestData.Run(file, SpecEngine.Interp);
}

public class JitSpecTests
{
    public static TheoryData<string> Files => SpecTestData.Runnable(SpecEngine.Jit);

    public static TheoryData<string> SkippedFiles => SpecTestData.Skipped(SpecEngine.Jit);

    [Theory]
    [MemberData(nameof(Files))]
    [MemberData(nameof(SkippedFiles), Skip = "whole file skipped by spec-tests/skip-list.json")]
    public void Wast(string file) => SpecTestData.Run(file, SpecEngine.Jit);
}

public class TieredSpecTests
{
    public static TheoryData<string> Files => SpecTestData.Runnable(SpecEngine.Tiered);

    public static TheoryData<string> SkippedFiles => SpecTestData.Skipped(SpecEngine.Tiered);

    [Theory]
    [MemberData(nameof(Files))]
    [MemberData(nameof(SkippedFiles), Skip = "whole file skipped by spec-tests/skip-list.json")]
    public void Wast(string file) => SpecTestData.Run(file, SpecEngine.Tiered);
}
