using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>s.Substring(start)</c> and <c>s.Substring(start, length)</c> in UTF-16 code units; out of range fails the row with .NET's message.</summary>
internal sealed partial class SubstringFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures =
    [
        new(ExprType.Utf8, ExprType.Utf8, ExprType.Int32),
        new(ExprType.Utf8, ExprType.Utf8, ExprType.Int32, ExprType.Int32),
    ];

    public override string Name => "substring";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(string), nameof(string.Substring), typeof(int)),
        ClrMember.Method(typeof(string), nameof(string.Substring), typeof(int), typeof(int)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => throw c.Refuse("no faithful DuckDB form for `substring`: .NET indexes UTF-16 code units and DuckDB code points, so text above U+FFFF (and a split surrogate pair) cannot match"))];

    public override bool CanFail => true;

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args.Length == 2
        ? ((string)args[0]!).Substring((int)args[1]!)
        : ((string)args[0]!).Substring((int)args[1]!, (int)args[2]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => new SubstringKernel();
}
