using System.Diagnostics;
using WasmJit.Binary;
using static WasmJit.Core.Tests.Binary.ModuleBuilder;

namespace WasmJit.Core.Tests.Binary;

/// <summary>
/// Any input gives a module or a <see cref="WasmException"/>: never another exception, a hang or a stack
/// overflow. Seeds are valid modules covering every section; mutations are deterministic.
/// </summary>
public class ModuleDecoderRobustnessTests
{
    private static readonly byte[] s_nestedBody = [0x02, 0x40, 0x03, 0x40, 0x04, 0x7f, 0x41, 0x00, 0x05, 0x41, 0x01, 0x0b, 0x1a, 0x0b, 0x0b];

    /// <summary>A module using every section and most encodings.</summary>
    internal static byte[] RichSeed() => new ModuleBuilder()
        .Custom("producers", 1, 2, 3)
        .Section(1, w => w.U32(4)
            .FuncType([], [])
            .FuncType([I32, I64], [F32, F64])
            .Byte(0x4e).U32(2)
                .Byte(0x50).U32(0).Byte(0x5f).U32(2).Byte(0x78).Byte(1).Byte(0x63).S32(3).Byte(0)
                .Byte(0x4f).U32(1).U32(2).Byte(0x5f).U32(2).Byte(0x78).Byte(1).Byte(0x63).S32(3).Byte(0)
            .Byte(0x5e).Byte(0x77).Byte(1))
        .Section(2, w => w.U32(5)
            .Name("env").Name("f").Byte(0).U32(1)
            .Name("env").Name("t").Byte(1).Byte(FuncRef).Byte(1).U32(1).U32(2)
            .Name("env").Name("m").Byte(2).Byte(0x03).U32(1).U32(2)
            .Name("env").Name("g").Byte(3).Byte(I32).Byte(1)
            .Name("env").Name("e").Byte(4).Byte(0).U32(0))
        .Functions(0, 1, 0)
        .Section(4, w => w.U32(2)
            .Byte(ExternRef).Byte(0x05).U64(1).U64(100)
            .Byte(0x40).Byte(0x00).Byte(0x64).Byte(0x70).Byte(0x00).U32(1).Bytes(0xd2, 0x00, 0x0b))
        .Section(5, w => w.U32(2).Byte(0x04).U64(1).Byte(0x01).U32(0).U32(1))
        .Section(13, w => w.U32(1).Byte(0).U32(0))
        .Section(6, w => w.U32(3)
            .Byte(I32).Byte(0).I32Const(-5)
            .Byte(I64).Byte(1).Bytes(0x42, 0x01, 0x42, 0x02, 0x7c, 0x0b)
            .Byte(V128).Byte(0).Byte(0xfd).U32(12).Bytes(new byte[16]).Byte(0x0b))
        .Section(7, w => w.U32(3).Name("run").Byte(0).U32(1).Name("mem").Byte(2).U32(0).Name("tag").Byte(4).U32(0))
        .Section(8, w => w.U32(1))
        .Section(9, w => w.U32(4)
            .U32(0).I32Const(0).Vec(2, (w2, i) => w2.U32((uint)i))
            .U32(1).Byte(0).Vec(1, (w2, _) => w2.U32(2))
            .U32(5).Byte(FuncRef).Vec(2, (w2, i) => w2.Bytes(i == 0 ? [0xd2, 0x01, 0x0b] : [0xd0, 0x70, 0x0b]))
            .U32(7).Byte(FuncRef).Vec(1, (w2, _) => w2.Bytes(0xd2, 0x03, 0x0b)))
        .Section(12, w => w.U32(3))
        .Section(10, w => w.U32(3)
            .Body([0x0b])
            .Body(s_nestedBody, (2, I32), (1, V128), (1, ExternRef), (1, 0x6e))
            .Body([0x20, 0x00, 0x20, 0x01, 0x6a, 0x1a, 0x0b], (2, I32)))
        .Section(11, w => w.U32(3)
            .U32(0).I32Const(8).U32(3).Bytes(1, 2, 3)
            .U32(1).U32(2).Bytes(4, 5)
            .U32(2).U32(1).I32Const(0).U32(0))
        .Section(0, w => w.Name("name")
            .Byte(0).Sized(s => s.Name("rich"))
            .Byte(1).Sized(s => s.Vec(2, (s2, i) => s2.U32((uint)i + 1).Name("fn" + i)))
            .Byte(2).Sized(s => s.Vec(1, (s2, _) => s2.U32(2).Vec(2, (s3, k) => s3.U32((uint)k).Name("l" + k)))))
        .Build();

    /// <summary>An MVP-only module.</summary>
    internal static byte[] MvpSeed() => new ModuleBuilder()
        .Types(([I32, I32], [I32]), ([], []))
        .Section(2, w => w.U32(1).Name("spectest").Name("print").Byte(0).U32(1))
        .Functions(0, 1)
        .Section(4, w => w.U32(1).Byte(FuncRef).Byte(0).U32(4))
        .Section(5, w => w.U32(1).Byte(1).U32(1).U32(2))
        .Section(6, w => w.U32(1).Byte(I32).Byte(0).I32Const(1024))
        .Section(7, w => w.U32(2).Name("add").Byte(0).U32(1).Name("memory").Byte(2).U32(0))
        .Section(9, w => w.U32(1).U32(0).I32Const(1).Vec(2, (w2, i) => w2.U32((uint)i + 1)))
        .Section(10, w => w.U32(2)
            .Body([0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b])
            .Body([0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b], (1, I64)))
        .Section(11, w => w.U32(1).U32(0).I32Const(16).U32(5).Bytes("hello"u8.ToArray()))
        .Build();

    /// <summary>Many small sections and vectors with tricky lengths.</summary>
    internal static byte[] SmallSeed() => new ModuleBuilder()
        .Custom("a")
        .Types(([], []))
        .Custom("b", 0)
        .Functions(0)
        .Section(6, w => w.U32(0))
        .Section(12, w => w.U32(1))
        .Code([0x02, 0x40, 0x0b, 0x0b])
        .Section(11, w => w.U32(1).U32(1).U32(0))
        .Custom("c", 0xff, 0xff)
        .Build();

    private static readonly Func<byte[]>[] s_seeds = [RichSeed, MvpSeed, SmallSeed];

    [Fact]
    public void SeedsAreValid()
    {
        foreach (var seed in s_seeds)
        {
            var bytes = seed();
            var m = ModuleDecoder.Decode(bytes, WasmFeatures.All);
            Assert.NotEmpty(m.Sections);
        }
        var rich = ModuleDecoder.Decode(RichSeed(), WasmFeatures.All);
        Assert.Equal([0, 1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11, 0], rich.Sections.Select(s => (int)s.Id));
        Assert.Equal("rich", rich.Names!.ModuleName);
        Assert.Equal(4, rich.FunctionTypeIndices.Count);
        var nested = rich.Bodies[1];
        Assert.Equal(5, nested.LocalCount);
        Assert.Equal(s_nestedBody, rich.Bytes.Span.Slice(nested.CodeOffset, nested.CodeLength).ToArray());
    }

    /// <summary>Decodes and returns null, or returns a description of what went wrong.</summary>
    private static string? TryDecode(byte[] bytes, WasmFeatures features)
    {
        try
        {
            ModuleDecoder.Decode(bytes, features);
            return null;
        }
        catch (WasmException)
        {
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message} for {Convert.ToHexString(bytes)}";
        }
    }

    /// <summary>(id, start, end) of each section of a well-formed module, id byte included.</summary>
    private static List<(int Start, int End)> SplitSections(byte[] bytes)
    {
        var list = new List<(int, int)>();
        int p = 8;
        while (p < bytes.Length)
        {
            int start = p++;
            uint size = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = bytes[p++];
                size |= (uint)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }
            p += (int)size;
            list.Add((start, p));
        }
        return list;
    }

    private static byte[] RandomLeb(Random rng)
    {
        var w = new ByteWriter();
        switch (rng.Next(6))
        {
            case 0: w.U32((uint)rng.Next(0, 200)); break;
            case 1: w.U32(uint.MaxValue - (uint)rng.Next(0, 3)); break;
            case 2: w.U64((ulong)rng.NextInt64()); break;
            case 3: w.S64(rng.NextInt64(long.MinValue, long.MaxValue)); break;
            case 4: w.Bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00); break; // overlong
            default: w.Bytes(0xff, 0xff, 0xff, 0xff, 0x7f); break; // u32 with unused bits
        }
        return w.ToArray();
    }

    private static byte[] Mutate(byte[] seed, Random rng)
    {
        var bytes = new List<byte>(seed);
        int n = rng.Next(1, 4);
        for (int k = 0; k < n; k++)
        {
            int at = rng.Next(8, bytes.Count + 1);
            switch (rng.Next(7))
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1:
                    bytes.Insert(at, (byte)rng.Next(256));
                    break;
                case 2 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                {
                    var leb = RandomLeb(rng);
                    int replace = Math.Min(rng.Next(0, 3), bytes.Count - at);
                    bytes.RemoveRange(at, replace);
                    bytes.InsertRange(at, leb);
                    break;
                }
                case 4 when at < bytes.Count:
                    bytes[at] = (byte)rng.Next(256);
                    break;
                case 5:
                {
                    // Swap or duplicate whole sections (of the seed, so boundaries are known).
                    var sections = SplitSections(seed);
                    var a = sections[rng.Next(sections.Count)];
                    var b = sections[rng.Next(sections.Count)];
                    if (a.Start > b.Start)
                    {
                        (a, b) = (b, a);
                    }
                    var result = new List<byte>(seed.AsSpan(0, a.Start).ToArray());
                    if (rng.Next(2) == 0 && a != b)
                    {
                        result.AddRange(seed[b.Start..b.End]);
                        result.AddRange(seed[a.End..b.Start]);
                        result.AddRange(seed[a.Start..a.End]);
                    }
                    else
                    {
                        result.AddRange(seed[a.Start..a.End]);
                        result.AddRange(seed[a.Start..b.Start]);
                        result.AddRange(seed[b.Start..b.End]);
                    }
                    result.AddRange(seed[b.End..]);
                    return [.. result];
                }
                default:
                    bytes.RemoveRange(at, bytes.Count - at); // truncate
                    break;
            }
        }
        return [.. bytes];
    }

    [Fact]
    public void EveryTruncationOfEverySeedIsHandled()
    {
        var failures = new List<string>();
        int malformed = 0;
        foreach (var seed in s_seeds)
        {
            var bytes = seed();
            for (int len = 0; len < bytes.Length; len++)
            {
                var cut = bytes[..len];
                try
                {
                    ModuleDecoder.Decode(cut, WasmFeatures.All);
                }
                catch (WasmMalformedException)
                {
                    malformed++;
                }
                catch (Exception e)
                {
                    failures.Add($"{e} for {Convert.ToHexString(cut)}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join('\n', failures.Take(2))}");
        // Cutting a module inside a section always breaks it.
        Assert.True(malformed > 0);
    }

    [Fact]
    public void MutatedSeedsGiveAModuleOrAWasmException()
    {
        var sw = Stopwatch.StartNew();
        var failures = new List<string>();
        int decoded = 0, rejected = 0;
        WasmFeatures[] featureSets = [WasmFeatures.All, WasmFeatures.Default, WasmFeatures.Wasm2, WasmFeatures.Wasm1];
        for (int s = 0; s < s_seeds.Length; s++)
        {
            var seed = s_seeds[s]();
            var rng = new Random(1234 + s);
            for (int i = 0; i < 8000; i++)
            {
                var bytes = Mutate(seed, rng);
                var features = featureSets[i % featureSets.Length];
                try
                {
                    ModuleDecoder.Decode(bytes, features);
                    decoded++;
                }
                catch (WasmException)
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    failures.Add($"seed {s} mutation {i}: {e} for {Convert.ToHexString(bytes)}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join('\n', failures.Take(2))}");
        Assert.True(decoded > 0 && rejected > 0, $"decoded {decoded}, rejected {rejected}");
        Assert.True(sw.Elapsed < TimeSpan.FromMinutes(1), $"took {sw.Elapsed}");
    }

    [Fact]
    public void RandomBytesAfterAValidHeaderAreHandled()
    {
        var rng = new Random(42);
        var failures = new List<string>();
        for (int i = 0; i < 3000; i++)
        {
            var bytes = new byte[8 + rng.Next(0, 64)];
            rng.NextBytes(bytes);
            ModuleBuilder.Empty.CopyTo(bytes, 0);
            if (bytes.Length > 8 && rng.Next(2) == 0)
            {
                // Bias towards plausible section ids and small sizes.
                bytes[8] = (byte)rng.Next(0, 14);
                if (bytes.Length > 9)
                {
                    bytes[9] = (byte)rng.Next(0, bytes.Length - 9);
                }
            }
            if (TryDecode(bytes, WasmFeatures.All) is { } f)
            {
                failures.Add(f);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join('\n', failures.Take(2))}");
    }

    public static TheoryData<byte> SectionIds => [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13];

    [Theory]
    [MemberData(nameof(SectionIds))]
    public void HugeCountsAreLengthErrorsNotAllocations(byte id)
    {
        var bytes = new ModuleBuilder().Section(id, w => w.U32(uint.MaxValue).Bytes(0, 0, 0)).Build();
        var e = Assert.Throws<WasmMalformedException>(() => ModuleDecoder.Decode(bytes, WasmFeatures.All));
        Assert.StartsWith("length out of bounds", e.Reason);

        // A count the module could almost hold: every entry is read (and fails) before anything big is allocated.
        var big = new ModuleBuilder().Section(id, w => w.U32(60_000).Bytes(new byte[60_000])).Build();
        Assert.Throws<WasmMalformedException>(() => ModuleDecoder.Decode(big, WasmFeatures.All));
    }

    private const int Depth = 100_000;

    [Fact]
    public void DeeplyNestedBlocksInABodyDoNotRecurse()
    {
        var code = new byte[Depth * 3 + 1];
        for (int i = 0; i < Depth; i++)
        {
            code[2 * i] = 0x02;
            code[2 * i + 1] = 0x40;
        }
        code.AsSpan(2 * Depth).Fill(0x0b);
        var m = ModuleDecoder.Decode(new ModuleBuilder().Types(([], [])).Functions(0).Code(code).Build(), WasmFeatures.All);
        Assert.Equal(code.Length, m.Bodies[0].CodeLength);

        // Without its last end (a nop instead) the body is scanned (past its end, as the reference decoder reads it): still no recursion.
        byte[] open = [.. code[..^1], 0x01];
        var e = Assert.Throws<WasmMalformedException>(() =>
            ModuleDecoder.Decode(new ModuleBuilder().Types(([], [])).Functions(0).Code(open).Build(), WasmFeatures.All));
        Assert.StartsWith("unexpected end", e.Reason);
    }

    [Fact]
    public void DeeplyNestedBlocksInAConstantExpressionDoNotRecurse()
    {
        var expr = new byte[Depth * 3 + 1];
        for (int i = 0; i < Depth; i++)
        {
            expr[2 * i] = 0x02;
            expr[2 * i + 1] = 0x40;
        }
        expr.AsSpan(2 * Depth).Fill(0x0b);
        var bytes = new ModuleBuilder().Section(6, w => w.U32(1).Byte(I32).Byte(0).Bytes(expr)).Build();
        var m = ModuleDecoder.Decode(bytes, WasmFeatures.All);
        Assert.Equal(expr.Length, m.Globals[0].Init!.Value.Length);
    }

    [Fact]
    public void LargeModuleDecodes()
    {
        const int Functions = 100_000;
        const int Imports = 50_000;
        const int DataSegments = 100_000;
        const int TableEntries = 200_000;
        var bytes = new ModuleBuilder()
            .Types(([], []), ([I32], [I32]))
            .Section(2, w => w.Vec(Imports, (w2, i) => w2.Name("env").Name(i % 2 == 0 ? "dup" : "f" + i).Byte(0).U32(1)))
            .Section(3, w => w.Vec(Functions, (w2, i) => w2.U32((uint)(i & 1))))
            .Section(4, w => w.U32(1).Byte(FuncRef).Byte(0).U32(TableEntries))
            .Section(5, w => w.U32(1).Byte(0).U32(1))
            .Section(9, w => w.U32(1).U32(0).I32Const(0).Vec(TableEntries, (w2, i) => w2.U32((uint)(i % (Functions + Imports)))))
            .Section(12, w => w.U32(DataSegments))
            .Section(10, w => w.Vec(Functions, (w2, i) => w2.Body((i & 1) == 0 ? [0x0b] : [0x20, 0x00, 0x0b], (1, I64))))
            .Section(11, w => w.Vec(DataSegments, (w2, i) => w2.U32(0).I32Const(i).U32(1).Byte((byte)i)))
            .Custom("big", new byte[1 << 20])
            .Build();
        var m = ModuleDecoder.Decode(bytes, WasmFeatures.All);
        Assert.Equal(Imports + Functions, m.FunctionTypeIndices.Count);
        Assert.Equal(Imports, m.ImportedFunctionCount);
        Assert.Equal(Functions, m.Bodies.Count);
        Assert.All(m.Bodies, b => Assert.Equal(1, b.LocalCount));
        Assert.Equal(DataSegments, m.Data.Count);
        Assert.Equal(unchecked((byte)(DataSegments - 1)), m.Data[^1].Span(m)[0]);
        Assert.Equal(TableEntries, m.Elements[0].Count);
        Assert.Equal("dup", m.Imports[^2].Name);
        Assert.Equal(1 << 20, m.CustomSections[0].Length);
    }
}
