using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>t.Date</c>: midnight of the same day.</summary>
internal sealed class DateFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Timestamp, ExprType.Timestamp)];

    public override string Name => "date";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Date))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "date_trunc('day', {0})")];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => ((DateTime)args[0]!).Date;

    internal override Kernel CreateKernel(FunctionSignature signature) => new DayFloorKernel(timeOfDay: false);
}
