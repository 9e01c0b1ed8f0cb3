using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>s.ToUpperInvariant()</c>.</summary>
internal sealed partial class UpperFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Utf8, ExprType.Utf8)];

    public override string Name => "upper";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(string), nameof(string.ToUpperInvariant))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText(CaseMappingTables.DuckDbTranslate(c, c.Arg(0), CaseMappingTables.Upper)))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => ((string)args[0]!).ToUpperInvariant();

    internal override Kernel CreateKernel(FunctionSignature signature) => new StringTransformKernel(StringTransform.Upper);
}
