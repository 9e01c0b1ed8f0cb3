using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>s.ToLowerInvariant()</c>.</summary>
internal sealed partial class LowerFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Utf8, ExprType.Utf8)];

    public override string Name => "lower";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(string), nameof(string.ToLowerInvariant))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText(CaseMappingTables.DuckDbTranslate(c, c.Arg(0), CaseMappingTables.Lower)))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => ((string)args[0]!).ToLowerInvariant();

    internal override Kernel CreateKernel(FunctionSignature signature) => new StringTransformKernel(StringTransform.Lower);
}
