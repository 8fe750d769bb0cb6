using WasmJit.Validation;
using static WasmJit.Core.Tests.Validation.ValidatorTestModules;

namespace WasmJit.Core.Tests.Validation;

/// <summary>Lazy body validation (ModuleContext.Bodies.cs): same errors as eager validation, just later.</summary>
public class LazyBodyValidationTests
{
    private static readonly ValType I32 = ValType.I32;

    private static Code C() => new();

    /// <summary>Three functions; body 1 returns an i64 where an i32 is declared.</summary>
    private static WasmModule ModuleWithBadBody(int functions = 3, int bad = 1, int padding = 0)
    {
        var b = new ValidatorTestModules();
        int t = b.Type([], [I32]);
        var good = C();
        for (int i = 0; i < padding; i++)
        {
            good.I32(i).I("drop");
        }
        byte[] goodBody = good.I32(7).End();
        for (int i = 0; i < functions; i++)
        {
            b.Function(t, [], i == bad ? C().I64(1).End() : goodBody);
        }
        return b.Build();
    }

    private static WasmInvalidException EagerError(WasmModule m) =>
        Assert.Throws<WasmInvalidException>(() => ModuleValidator.Validate(m, WasmFeatures.All));

    [Fact]
    public void LazyModuleIsAcceptedAndEachBodyIsCheckedOnDemandWithTheEagerError()
    {
        var eager = EagerError(ModuleWithBadBody());

        var m = ModuleWithBadBody();
        var ctx = ModuleValidator.Validate(m, WasmFeatures.All, lazyBodies: true);
        Assert.Same(ctx, m.Context);
        Assert.True(ctx.HasPendingBodies);
        ctx.EnsureBodyValid(0);
        ctx.EnsureBodyValid(2);
        ctx.EnsureBodyValid(0); // cached: no second validation needed, and no error
        for (int k = 0; k < 2; k++)
        {
            // Reported at every attempt, never cached as valid.
            var e = Assert.Throws<WasmInvalidException>(() => ctx.EnsureBodyValid(1));
            Assert.Equal(eager.Message, e.Message);
            Assert.Equal(eager.Offset, e.Offset);
        }
        var all = Assert.Throws<WasmInvalidException>(ctx.ValidateAllBodies);
        Assert.Equal(eager.Message, all.Message);
        Assert.True(ctx.HasPendingBodies);
    }

    [Fact]
    public void ModuleLevelRulesStayEager()
    {
        var b = new ValidatorTestModules();
        int t = b.Type([], [I32]);
        b.Function(t, [], C().I32(1).End());
        b.Export("f", ExternKind.Func, 5);
        var m = b.Build();
        var e = Assert.Throws<WasmInvalidException>(() => ModuleValidator.Validate(m, WasmFeatures.All, lazyBodies: true));
        Assert.Contains("unknown function 5", e.Message);
    }

    [Fact]
    public void ValidateAllBodiesFinishesTheJob()
    {
        var m = ModuleWithBadBody(bad: -1);
        var ctx = ModuleValidator.Validate(m, WasmFeatures.All, lazyBodies: true);
        ctx.EnsureBodyValid(1);
        ctx.ValidateAllBodies();
        Assert.False(ctx.HasPendingBodies);
        ctx.EnsureBodyValid(2); // a no-op now
        Assert.False(ModuleValidator.Validate(ModuleWithBadBody(bad: -1), WasmFeatures.All).HasPendingBodies);
    }

    [Fact]
    public void ValidateAllBodiesOnABigModuleReportsTheLowestFailingBodyAsEagerDoes()
    {
        // Over the parallel threshold (256 KiB of code), with bodies 150 and 170 bad; 150 is reported.
        var eager = EagerError(ModuleWithBadBody(200, 150, 700));
        var m = ModuleWithBadBody(200, 150, 700);
        var bad2 = m.Bodies[170];
        var ctx = ModuleValidator.Validate(m, WasmFeatures.All, lazyBodies: true);
        ctx.EnsureBodyValid(3);
        var e = Assert.Throws<WasmInvalidException>(ctx.ValidateAllBodies);
        Assert.Equal(eager.Message, e.Message);
        Assert.Equal(eager.Offset, e.Offset);
        Assert.InRange(e.Offset, m.Bodies[150].Offset, m.Bodies[150].Offset + m.Bodies[150].Length);
        Assert.NotInRange(e.Offset, bad2.Offset, bad2.Offset + bad2.Length);
    }

    [Fact]
    public void ConcurrentFirstCallsAgree()
    {
        var m = ModuleWithBadBody(64, 40, 10);
        var ctx = ModuleValidator.Validate(m, WasmFeatures.All, lazyBodies: true);
        int failures = 0;
        Parallel.For(0, 8, _ =>
        {
            for (int f = 0; f < 64; f++)
            {
                try
                {
                    ctx.EnsureBodyValid(f);
                }
                catch (WasmInvalidException)
                {
                    Interlocked.Increment(ref failures);
                    Assert.Equal(40, f);
                }
            }
        });
        Assert.Equal(8, failures);
    }
}
