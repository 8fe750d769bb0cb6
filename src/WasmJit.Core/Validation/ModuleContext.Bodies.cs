using System.Runtime.CompilerServices;
using WasmJit.Binary;

namespace WasmJit.Validation;

/// <summary>
/// Lazy function-body validation (see RATIONALE.md, "Lazy bodies"). When a module is validated with
/// <c>lazyBodies</c>, everything but the function bodies is checked up front and each body is validated when an
/// engine first needs it: engines call <see cref="EnsureBodyValid"/> before translating a function, or
/// <see cref="ValidateAllBodies"/> before compiling a whole module. A body error then surfaces from that call, with
/// the same exception, message and offset the eager validation would have produced for that function.
/// </summary>
internal sealed partial class ModuleContext
{
    /// <summary>Per defined function: 1 once its body is known to be valid. Null: all bodies were validated.</summary>
    private byte[]? _pendingBodies;

    /// <summary>A validator kept for the next lazy check on any thread (taken and returned with one exchange).</summary>
    private BodyChecker? _spare;

    /// <summary>Are some function bodies not validated yet (lazy validation)?</summary>
    public bool HasPendingBodies => Volatile.Read(ref _pendingBodies) is not null;

    /// <summary>Marks every body as not yet validated: from now on engines validate each one before using it.</summary>
    internal void DeferBodies() => _pendingBodies = new byte[Module.Bodies.Count];

    /// <summary>
    /// Validates the body of defined function <paramref name="funcIndex"/> (function index space) unless that was
    /// done already. Thread-safe; cheap when done (one load). Throws what eager validation would have thrown.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureBodyValid(int funcIndex)
    {
        var pending = Volatile.Read(ref _pendingBodies);
        if (pending is not null && Volatile.Read(ref pending[funcIndex - Module.ImportedFunctionCount]) == 0)
        {
            ValidateBody(pending, funcIndex);
        }
    }

    /// <summary>Validates every body not validated yet, in parallel for big modules; the lowest failing function's error is thrown.</summary>
    public void ValidateAllBodies()
    {
        var pending = Volatile.Read(ref _pendingBodies);
        if (pending is null)
        {
            return;
        }
        ModuleValidator.ValidateBodies(this, pending);
        Volatile.Write(ref _pendingBodies, null);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ValidateBody(byte[] pending, int funcIndex)
    {
        // Two threads may validate the same body at once: harmless, both get the same answer.
        var checker = Interlocked.Exchange(ref _spare, null) ?? new BodyChecker(new FuncValidator(this), new InstructionBuffers());
        checker.Validator.ValidateFunction(funcIndex, checker.Buffers);
        Volatile.Write(ref pending[funcIndex - Module.ImportedFunctionCount], 1);
        _spare = checker; // on failure it is simply dropped
    }

    private sealed record BodyChecker(FuncValidator Validator, InstructionBuffers Buffers);
}
