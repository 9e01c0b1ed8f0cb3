using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>
/// A C# shift: <c>(int32, int32) -&gt; int32</c> and <c>(int64, int32) -&gt; int64</c>. The count is masked to
/// 0..31 (0..63), as C# defines it (the compiler emits the mask in IL; masking again changes nothing).
/// </summary>
internal abstract class ShiftFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures =
    [
        new(ExprType.Int32, ExprType.Int32, ExprType.Int32),
        new(ExprType.Int64, ExprType.Int64, ExprType.Int32),
    ];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        int a => (object)Int32(a, (int)args[1]!),
        long a => (object)Int64(a, (int)args[1]!),
        _ => throw new ChalkInternalException($"{Name}: unexpected {args[0]?.GetType().Name}"),
    };

    /// <summary>Which shift, for the vector path of a constant count.</summary>
    internal abstract ShiftKind Kind { get; }

    /// <summary>The C# operator on int (C# masks the count by 31 itself).</summary>
    public abstract int Int32(int a, int count);

    /// <summary>The C# operator on long (C# masks the count by 63 itself).</summary>
    public abstract long Int64(long a, int count);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Int32
        ? new ShiftKernel<int>(Int32, Kind)
        : new ShiftKernel<long>(Int64, Kind);

    /// <summary>The count masked as C# masks it; DuckDB's <c>&lt;&lt;</c> raises when bits leave a signed value, so shifts that can overflow work in the wider type.</summary>
    protected static string DuckDbCount(SqlCall c) => $"({c.Arg(1)} & {(c.Type == ExprType.Int32 ? 31 : 63)})";
}
