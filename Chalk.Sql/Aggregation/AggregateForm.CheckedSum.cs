using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

internal sealed partial class AggregateForm
{
    /// <summary>An integer sum in a checked accumulator: the exact total, whether it fits, and LINQ's error.</summary>
    private sealed record Checked(string Total, string InRange, string? Error);

    /// <summary>
    /// LINQ adds in row order in a checked int/long, so it fails at the first <em>running</em> total out of range, even
    /// when the final total fits (int.MaxValue, 1, -1 fails). DuckDB sums exactly in HUGEINT; the running totals lie
    /// between the sum of the negative and the sum of the positive values, so when both fit nothing can overflow, and
    /// when the total does not fit LINQ fails for sure. Only in between (and when a row error must be ordered against
    /// the overflow) does an extra CTE compute the running totals, for those key rows only.
    /// </summary>
    private Checked CheckedSum(ExprType accumulator, FirstFailure? failure)
    {
        string lo = accumulator == ExprType.Int32 ? "-2147483648" : "-9223372036854775808";
        string hi = accumulator == ExprType.Int32 ? "2147483647" : "9223372036854775807";
        string total = _parts.Group("s", $"sum({Distinct}{V}){Passing()}");
        string fits;
        if (accumulator == ExprType.Int64 && _agg.Value is CastExpr { Operand.Type: ExprType.Int32 })
        {
            // Sum(x => (long)i) of ints: fewer than 2^32 values of at most 2^31 in size keep every running total
            // inside a long, so one count (usually shared with a Count) replaces the positive and negative sums.
            fits = $"(coalesce({_parts.Group("n", $"count(*){Passing()}")}, 0) < 4294967296)";
        }
        else
        {
            string positive = _parts.Group("sp", $"sum({Distinct}{V}){Passing($"{V} > 0")}");
            string negative = _parts.Group("sn", $"sum({Distinct}{V}){Passing($"{V} < 0")}");
            fits = $"(coalesce({positive}, 0) <= {hi} AND coalesce({negative}, 0) >= {lo})";
        }
        string inRange = $"(coalesce({total}, 0) BETWEEN {lo} AND {hi})";
        string need = failure is null ? $"NOT {fits} AND {inRange}" : $"NOT {fits} AND ({failure.Struct} IS NOT NULL OR {inRange})";
        string overflowAt = RunningOverflow(lo, hi, need);
        string overflow = SqlText.Str(OverflowMessage);
        string error = failure is null
            ? $"CASE WHEN NOT {fits} AND (NOT {inRange} OR {overflowAt} IS NOT NULL) THEN {overflow} END"
            : $"CASE WHEN {fits} THEN {failure.Message} " +
              $"WHEN {failure.Struct} IS NULL THEN CASE WHEN NOT {inRange} OR {overflowAt} IS NOT NULL THEN {overflow} END " +
              $"WHEN {overflowAt} IS NOT NULL AND {overflowAt} < {failure.Position} THEN {overflow} " +
              $"ELSE {failure.Message} END";
        return new Checked(total, inRange, error);
    }

    /// <summary>Registers the running-total check for the key rows where <paramref name="need"/> holds; returns its column.</summary>
    private string RunningOverflow(string lo, string hi, string need)
    {
        string column = _parts.Name("ov");
        _parts.RunningChecks.Add(new RunningCheck(column, _pass, V, _agg.Distinct, need, lo, hi));
        return RunningChecks.Cte + "." + column;
    }
}
