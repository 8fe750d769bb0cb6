namespace WasmJit.Jit;

/// <summary>
/// The calling convention of compiled code. A function of type <c>[p0 .. pn-1] -> [r0 .. rm-1]</c> becomes
/// <code>R0 f(P0 p0, ..., Pn-1 pn-1, ref R1 r1, ..., ref Rm-1 rm-1, JitContext ctx)</code>
/// (<c>void</c> when m = 0): wasm parameters map to CLR parameters (i32 int, i64 long, f32 float, f64 double,
/// v128 <c>Vector128&lt;byte&gt;</c>, references object); the first result is the return value and further results
/// are written through trailing byref parameters; the context comes last so that a caller can push it after the
/// arguments already on the IL stack. Calls through a <see cref="TypedEntry"/> use the same shape with the last
/// parameter typed <c>object</c> (its <see cref="TypedEntry.Target"/>).
/// </summary>
internal static class JitSignature
{
    public static Type ReturnType(FuncType t) => t.Results.Length == 0 ? typeof(void) : JitMembers.ClrType(t.Results[0].Kind);

    public static Type[] ParameterTypes(FuncType t, Type contextType)
    {
        int extra = Math.Max(0, t.Results.Length - 1);
        var p = new Type[t.Params.Length + extra + 1];
        for (int i = 0; i < t.Params.Length; i++)
        {
            p[i] = JitMembers.ClrType(t.Params[i].Kind);
        }
        for (int k = 1; k < t.Results.Length; k++)
        {
            p[t.Params.Length + k - 1] = JitMembers.ClrType(t.Results[k].Kind).MakeByRefType();
        }
        p[^1] = contextType;
        return p;
    }

    /// <summary>Argument index of the byref parameter for result <paramref name="k"/> (k ≥ 1).</summary>
    public static int ResultRefArgIndex(FuncType t, int k) => t.Params.Length + k - 1;

    public static int ContextArgIndex(FuncType t) => t.Params.Length + Math.Max(0, t.Results.Length - 1);

    /// <summary>A stable string key of the CLR shape, for caching per-signature stubs.</summary>
    public static string Key(FuncType t) => t.ToString();
}
