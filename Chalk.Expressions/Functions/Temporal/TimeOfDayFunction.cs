using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>t.TimeOfDay</c>: the duration since midnight.</summary>
internal sealed class TimeOfDayFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Duration, ExprType.Timestamp)];

    public override string Name => "time_of_day";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.TimeOfDay))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "(epoch_us({0}) - epoch_us(date_trunc('day', {0})))")];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => ((DateTime)args[0]!).TimeOfDay;

    internal override Kernel CreateKernel(FunctionSignature signature) => new DayFloorKernel(timeOfDay: true);
}
