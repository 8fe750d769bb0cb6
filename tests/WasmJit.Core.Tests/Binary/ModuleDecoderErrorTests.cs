using WasmJit.Binary;
using static WasmJit.Core.Tests.Binary.ModuleBuilder;

namespace WasmJit.Core.Tests.Binary;

/// <summary>
/// Every malformed-module message the decoder gives, each triggered by a crafted module. The expected texts are the
/// spec suite's (assert_malformed), which test runners match as a prefix of the error's reason.
/// </summary>
public class ModuleDecoderErrorTests
{
    private sealed record Case(string Message, Func<byte[]> Bytes, WasmFeatures Features = WasmFeatures.All, long Offset = -1);

    private static byte[] Header => [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    private static byte[] Module(params byte[] afterHeader) => [.. Header, .. afterHeader];

    private static readonly Dictionary<string, Case> s_cases = new()
    {
        ["empty input"] = new("unexpected end", () => [], Offset: 0),
        ["truncated magic"] = new("unexpected end", () => [0x00, 0x61, 0x73]),
        ["bad magic"] = new("magic header not detected", () => [0x00, 0x41, 0x53, 0x4d, 0x01, 0x00, 0x00, 0x00], Offset: 0),
        ["truncated version"] = new("unexpected end", () => [0x00, 0x61, 0x73, 0x6d, 0x01]),
        ["bad version"] = new("unknown binary version", () => [0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00], Offset: 4),
        ["section id 14"] = new("malformed section id", () => Module(0x0e, 0x01, 0x00), Offset: 8),
        ["section id as LEB"] = new("malformed section id", () => Module(0x80, 0x01, 0x00)),
        ["tag section with exceptions off"] = new("malformed section id",
            () => new ModuleBuilder().Section(13, w => w.U32(0)).Build(), WasmFeatures.Wasm2),
        ["data count section with bulk memory off"] = new("malformed section id",
            () => new ModuleBuilder().Section(12, w => w.U32(0)).Build(), WasmFeatures.Wasm1),
        ["missing section size"] = new("unexpected end", () => Module(0x01)),
        ["section size past the end"] = new("length out of bounds", () => Module(0x01, 0x07, 0x02, 0x60, 0x00, 0x00), Offset: 9),
        ["custom section size past the end"] = new("length out of bounds", () => Module(0x00, 0x10, 0x01, 0x61)),
        ["concatenated modules"] = new("length out of bounds", () => [.. Header, .. Header]),
        ["custom section name past its size"] = new("unexpected end", () => Module(0x00, 0x00, 0x00, 0x05, 0x01, 0x00, 0x07, 0x00, 0x00)),
        ["section longer than its content"] = new("section size mismatch", () => Module(0x01, 0x07, 0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00), Offset: 10),
        ["vector count past the section"] = new("unexpected end of section or function", () => Module(0x04, 0x01, 0x01)),
        ["second export past the module"] = new("length out of bounds", () => new ModuleBuilder()
            .Types(([], [])).Functions(0, 0)
            .Section(7, w => w.U32(2).Name("f1").Byte(0).U32(0))
            .Code([0x0b], [0x0b]).Build()),
        ["u32 with unused bits"] = new("integer too large", () => Module(0x01, 0x05, 0x01, 0x60, 0x80, 0x80, 0x80, 0x80, 0x10)),
        ["u64 of eleven bytes"] = new("integer representation too long",
            () => Module(0x05, 0x08, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)),
        ["u64 limit with unused bits"] = new("integer too large",
            () => Module(0x05, 0x0c, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x70)),
        ["signed LEB comp type"] = new("integer representation too long", () => Module(0x01, 0x05, 0x01, 0xe0, 0x7f, 0x00, 0x00)),
        ["unknown comp type"] = new("malformed definition type", () => Module(0x01, 0x04, 0x01, 0x5d, 0x00, 0x00)),
        ["struct type with gc off"] = new("malformed definition type", () => Module(0x01, 0x03, 0x01, 0x5f, 0x00), WasmFeatures.Wasm2),
        ["rec group with gc off"] = new("malformed definition type", () => Module(0x01, 0x03, 0x01, 0x4e, 0x00), WasmFeatures.Wasm2),
        ["field mutability 2"] = new("malformed mutability", () => Module(0x01, 0x04, 0x01, 0x5e, 0x78, 0x02)),
        ["global mutability 2"] = new("malformed mutability", () => Module(0x06, 0x06, 0x01, 0x7f, 0x02, 0x41, 0x00, 0x0b)),
        ["import kind 5"] = new("malformed import kind", () => Module(0x02, 0x04, 0x01, 0x00, 0x00, 0x05), Offset: 13),
        ["import kind 0x80"] = new("malformed import kind", () => Module(0x02, 0x05, 0x01, 0x00, 0x00, 0x80, 0x00)),
        ["tag import with exceptions off"] = new("malformed import kind",
            () => Module(0x02, 0x06, 0x01, 0x00, 0x00, 0x04, 0x00, 0x00), WasmFeatures.Wasm2),
        ["export kind 5"] = new("malformed export kind", () => Module(0x07, 0x05, 0x01, 0x01, 0x65, 0x05, 0x00)),
        ["import name not UTF-8"] = new("malformed UTF-8 encoding", () => Module(0x02, 0x07, 0x01, 0x01, 0x80, 0x01, 0x61, 0x00, 0x00)),
        ["custom section name not UTF-8"] = new("malformed UTF-8 encoding", () => Module(0x00, 0x03, 0x02, 0xc0, 0x80)),
        ["export name surrogate"] = new("malformed UTF-8 encoding", () => Module(0x07, 0x07, 0x01, 0x03, 0xed, 0xa0, 0x80, 0x00, 0x00)),
        ["table limits flags 8"] = new("malformed limits flags", () => Module(0x04, 0x03, 0x01, 0x70, 0x08)),
        ["memory limits flags 0x10"] = new("malformed limits flags", () => Module(0x05, 0x03, 0x01, 0x10, 0x00)),
        ["memory limits flags as LEB"] = new("malformed limits flags", () => Module(0x05, 0x05, 0x01, 0x81, 0x00, 0x00, 0x00)),
        ["shared table"] = new("malformed limits flags", () => Module(0x04, 0x05, 0x01, 0x70, 0x03, 0x00, 0x01)),
        ["64-bit memory with memory64 off"] = new("malformed limits flags", () => Module(0x05, 0x03, 0x01, 0x04, 0x00), WasmFeatures.Wasm2),
        ["64-bit table with memory64 off"] = new("malformed limits flags", () => Module(0x04, 0x04, 0x01, 0x70, 0x04, 0x00), WasmFeatures.Wasm2),
        ["shared memory with threads off"] = new("malformed limits flags", () => Module(0x05, 0x04, 0x01, 0x03, 0x01, 0x01), WasmFeatures.Wasm3),
        ["tag attribute 1"] = new("zero byte expected", () => Module(0x0d, 0x03, 0x01, 0x01, 0x00)),
        ["table initializer prefix without zero"] = new("zero byte expected", () => Module(0x04, 0x07, 0x01, 0x40, 0x01, 0x70, 0x00, 0x00, 0x0b)),
        ["table initializer with function references off"] = new("malformed reference type",
            () => Module(0x04, 0x08, 0x01, 0x40, 0x00, 0x70, 0x00, 0x00, 0xd0, 0x70, 0x0b), WasmFeatures.Wasm2),
        ["table of i32"] = new("malformed reference type", () => Module(0x04, 0x04, 0x01, 0x7f, 0x00, 0x00)),
        ["passive element segment of i32"] = new("malformed reference type", () => new ModuleBuilder()
            .Section(9, w => w.U32(1).U32(5).Byte(I32).U32(1).Bytes(0xd2, 0x00, 0x0b)).Build()),
        ["element expression with illegal opcode"] = new("illegal opcode", () => new ModuleBuilder()
            .Section(9, w => w.U32(1).U32(5).Byte(FuncRef).U32(1).Bytes(0xf3, 0x00, 0x0b)).Build()),
        ["element segment kind 8"] = new("malformed elements segment kind", () => Module(0x09, 0x02, 0x01, 0x08)),
        ["passive element segment with bulk memory off"] = new("malformed elements segment kind",
            () => Module(0x09, 0x04, 0x01, 0x01, 0x00, 0x00), WasmFeatures.Wasm1),
        ["element kind 1"] = new("malformed element kind", () => Module(0x09, 0x04, 0x01, 0x01, 0x01, 0x00)),
        ["data segment kind 3"] = new("malformed data segment kind", () => Module(0x0b, 0x02, 0x01, 0x03)),
        ["data bytes past the module"] = new("unexpected end of section or function", () => Module(0x0b, 0x07, 0x01, 0x01, 0x05, 0x61, 0x62, 0x63, 0x64)),
        ["global initializer without end"] = new("unexpected end of section or function",
            () => Module(0x06, 0x05, 0x01, 0x7f, 0x00, 0x41, 0x00)),
        ["global initializer ending in else"] = new("END opcode expected", () => Module(0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x05)),
        ["local count too large for u32"] = new("integer too large", () => new ModuleBuilder()
            .Types(([], [])).Functions(0)
            .Section(10, w => w.U32(1).Sized(b => b.U32(2).Bytes(0x80, 0x80, 0x80, 0x80, 0x10, I32).U32(2).Byte(I64).Byte(0x0b))).Build()),
        ["too many locals"] = new("too many locals", () => new ModuleBuilder()
            .Types(([], [])).Functions(0)
            .Section(10, w => w.U32(1).Body([0x0b], (uint.MaxValue, I32), (2, I64))).Build()),
        ["too many locals in total"] = new("too many locals", () => new ModuleBuilder()
            .Types(([], [])).Functions(0)
            .Section(10, w => w.U32(1).Body([0x0b], (LocalsReader.MaxLocals, I32), (1, I64))).Build()),
        ["v128 local with simd off"] = new("malformed value type", () => new ModuleBuilder()
            .Types(([], [])).Functions(0)
            .Section(10, w => w.U32(1).Body([0x0b], (1, V128))).Build(), WasmFeatures.Wasm1),
        ["function section without code"] = new("function and code section have inconsistent lengths",
            () => new ModuleBuilder().Types(([], [])).Functions(0, 0).Build()),
        ["code section without functions"] = new("function and code section have inconsistent lengths",
            () => new ModuleBuilder().Code([0x0b]).Build()),
        ["more bodies than functions"] = new("function and code section have inconsistent lengths",
            () => new ModuleBuilder().Types(([], [])).Functions(0).Code([0x0b], [0x0b]).Build()),
        ["data count larger than data"] = new("data count and data section have inconsistent lengths",
            () => new ModuleBuilder().Section(12, w => w.U32(3)).Section(11, w => w.U32(2).U32(1).U32(0).U32(1).U32(0)).Build()),
        ["data count without data section"] = new("data count and data section have inconsistent lengths",
            () => new ModuleBuilder().Section(5, w => w.U32(1).Byte(0).U32(1)).Section(12, w => w.U32(1)).Build()),
        ["body without end between bodies"] = new("END opcode expected", () => new ModuleBuilder()
            .Types(([], [])).Functions(0, 0)
            .Section(10, w => w.U32(2).Body([0x41, 0x01, 0x1a]).Body([0x41, 0x01, 0x1a, 0x0b])).Build()),
        ["body without end at the end of the module"] = new("unexpected end of section or function", () => new ModuleBuilder()
            .Types(([], [])).Functions(0).Code([0x41, 0x01, 0x1a]).Build()),
        ["body without end before the data section"] = new("section size mismatch", () => new ModuleBuilder()
            .Types(([], [])).Functions(0).Code([0x41, 0x01, 0x1a]).Section(11, w => w.U32(1).U32(1).U32(0)).Build()),
        ["body without end running into a bad LEB"] = new("integer representation too long", () => new ModuleBuilder()
            .Types(([], [])).Functions(0)
            .Section(10, w => w.U32(1).U32(4).Bytes(0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0b)).Build()),
        ["empty body"] = new("unexpected end", () => new ModuleBuilder()
            .Types(([], [])).Functions(0).Section(10, w => w.U32(1).U32(0)).Build()),
        ["body with an illegal opcode and no end"] = new("illegal opcode ff", () => new ModuleBuilder()
            .Types(([], [])).Functions(0).Code([0x00, 0xff]).Build()),
        ["duplicate type section"] = new("unexpected content after last section", () => Module(0x01, 0x01, 0x00, 0x01, 0x01, 0x00), Offset: 11),
        ["duplicate start section"] = new("unexpected content after last section", () => Module(0x08, 0x01, 0x00, 0x08, 0x01, 0x00)),
        ["import after function"] = new("unexpected content after last section", () => Module(0x03, 0x01, 0x00, 0x02, 0x01, 0x00)),
        ["tag after global"] = new("unexpected content after last section", () => Module(0x06, 0x01, 0x00, 0x0d, 0x01, 0x00)),
        ["tag before memory"] = new("unexpected content after last section", () => Module(0x0d, 0x01, 0x00, 0x05, 0x01, 0x00)),
        ["data count after code"] = new("unexpected content after last section", () => Module(0x0a, 0x01, 0x00, 0x0c, 0x01, 0x00)),
        ["element after data count"] = new("unexpected content after last section", () => Module(0x0c, 0x01, 0x00, 0x09, 0x01, 0x00)),
        ["code after data"] = new("unexpected content after last section", () => Module(0x0b, 0x01, 0x00, 0x0a, 0x01, 0x00)),
    };

    public static TheoryData<string> Names => [.. s_cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void MalformedModuleIsRejectedWithTheSpecMessage(string name)
    {
        var c = s_cases[name];
        var bytes = c.Bytes();
        var e = Assert.Throws<WasmMalformedException>(() => ModuleDecoder.Decode(bytes, c.Features));
        Assert.StartsWith(c.Message, e.Reason);
        Assert.InRange(e.Offset, 0, bytes.Length);
        if (c.Offset >= 0)
        {
            Assert.Equal(c.Offset, e.Offset);
        }
    }

    [Fact]
    public void UnexpectedEndUsesTheReferenceInterpretersFullText()
    {
        var e = Assert.Throws<WasmMalformedException>(() => ModuleDecoder.Decode(Module(0x01), WasmFeatures.All));
        Assert.Equal("unexpected end of section or function", e.Reason);
    }

    [Fact]
    public void ZeroCountsAndZeroDataCountAreFine()
    {
        var m = ModuleDecoder.Decode(
            Module(0x01, 0x01, 0x00, 0x02, 0x01, 0x00, 0x03, 0x01, 0x00, 0x0c, 0x01, 0x00, 0x0a, 0x01, 0x00),
            WasmFeatures.All);
        Assert.Equal(0u, m.DataCount);
        Assert.Empty(m.Data);
        Assert.Equal(5, m.Sections.Count);
    }

    [Fact]
    public void NonMinimalLebsAreAccepted()
    {
        // Memory section with two memories whose minimum is written with padding bytes (binary0.wast).
        var m = ModuleDecoder.Decode(Module(0x05, 0x07, 0x02, 0x00, 0x82, 0x00, 0x00, 0x82, 0x00), WasmFeatures.All);
        Assert.Equal([2ul, 2ul], m.Memories.Select(x => x.Limits.Min));
    }
}
