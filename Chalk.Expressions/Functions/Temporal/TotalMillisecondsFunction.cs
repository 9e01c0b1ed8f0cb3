namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalMilliseconds</c>.</summary>
internal sealed class TotalMillisecondsFunction : DurationTotalFunction
{
    public override string Name => "total_milliseconds";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.TotalMilliseconds))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
    {
        // TimeSpan.TotalMilliseconds clamps to ±(long.MaxValue / TicksPerMillisecond) instead of returning the exact quotient.
        const long max = long.MaxValue / TimeSpan.TicksPerMillisecond;
        string ms = $"{DuckDbTicks(c)} / {TimeSpan.TicksPerMillisecond}.0";
        // Strict: a NULL fails both clamp tests and reaches the ELSE, which is NULL.
        return new SqlText($"CASE WHEN {ms} > {max}.0 THEN {max}.0 WHEN {ms} < -{max}.0 THEN -{max}.0 ELSE {ms} END");
    })];

    public override double Total(TimeSpan d) => d.TotalMilliseconds;
}
