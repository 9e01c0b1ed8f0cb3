using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Clamp(value, min, max)</c>: fails the row when <c>min &gt; max</c>; a NaN value stays NaN.</summary>
internal sealed partial class ClampFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [.. Numeric.Select(t => new FunctionSignature(t, t, t, t))];

    public override string Name => "clamp";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        .. ClrMember.SameType(typeof(Math), nameof(Math.Clamp), 3, typeof(int), typeof(long), typeof(float), typeof(double)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
    {
        var t = c.Type;
        string type = c.SqlType(t), v = c.Arg(0), lo = c.Arg(1), hi = c.Arg(2);
        // Math.Clamp: throws when min > max (NaN bounds never throw); value < min → min; value > max → max; else value.
        string body = $"CASE WHEN {DuckDbSql.Cmp(t, lo, ">", hi)} THEN CAST(NULL AS {type}) WHEN {DuckDbSql.Cmp(t, v, "<", lo)} THEN {lo} WHEN {DuckDbSql.Cmp(t, v, ">", hi)} THEN {hi} ELSE {v} END";
        // The message formats the bounds with the current culture; only integers print identically in SQL.
        string message = t.IsInteger() ? $"'''' || {lo} || ''' cannot be greater than ' || {hi} || '.'" : c.Str(FloatSqlMessage);
        string present = c.AllPresent() is { } p ? $"({p}) AND " : "";
        return new SqlText(c.NullGuarded(body), $"CASE WHEN {present}{DuckDbSql.Cmp(t, lo, ">", hi)} THEN {message} END");
    })];

    public override bool CanFail => true;

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        int v => (object)Math.Clamp(v, (int)args[1]!, (int)args[2]!),
        long v => (object)Math.Clamp(v, (long)args[1]!, (long)args[2]!),
        float v => (object)Math.Clamp(v, (float)args[1]!, (float)args[2]!),
        double v => (object)Math.Clamp(v, (double)args[1]!, (double)args[2]!),
        _ => throw new ChalkInternalException($"clamp: unexpected {args[0]?.GetType().Name}"),
    };

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Result switch
    {
        ExprType.Int32 => new ClampKernel<int>(),
        ExprType.Int64 => new ClampKernel<long>(),
        ExprType.Float32 => new ClampKernel<float>(),
        _ => new ClampKernel<double>(),
    };

    /// <summary>The row error of <c>clamp</c> on floats in SQL: .NET's message prints the bounds in a format SQL cannot reproduce.</summary>
    internal const string FloatSqlMessage = "clamp: min cannot be greater than max.";
}
