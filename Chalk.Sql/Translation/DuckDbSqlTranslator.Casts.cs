using Chalk.Expressions;

namespace Chalk.Sql.Translation;

public static partial class DuckDbSqlTranslator
{
    /// <summary>The row error of <c>clamp</c> on floats when min &gt; max: .NET's message prints the bounds in a format SQL cannot reproduce.</summary>
    public const string FloatClampMessage = Chalk.Expressions.Functions.ClampFunction.FloatSqlMessage;

    private static Frag Cast(CastExpr cast, Frag a)
    {
        ExprType from = cast.Operand.Type, to = cast.Type;
        string x = a.V;
        string body;
        if (from == to) return a;
        if (!from.IsNumeric() || !to.IsNumeric()) throw Refuse($"no DuckDB form for cast from {from.Name()} to {to.Name()}");
        if (to.IsFloat())
        {
            body = (from, to) switch
            {
                // DuckDB raises when a double rounds outside float's range; C# gives ±∞ (the tie at the boundary rounds up, to ∞).
                (ExprType.Float64, ExprType.Float32) =>
                    $"CASE WHEN isnan({x}) THEN CAST('nan' AS FLOAT) WHEN {x} >= 3.4028235677973366e38 THEN CAST('inf' AS FLOAT) WHEN {x} <= -3.4028235677973366e38 THEN CAST('-inf' AS FLOAT) ELSE CAST({x} AS FLOAT) END",
                _ => $"CAST({x} AS {T(to)})",
            };
        }
        else if (from.IsInteger())
        {
            body = from == ExprType.Int64 && to == ExprType.Int32 ? DuckDbSql.Wrap(to, x) : $"CAST({x} AS {T(to)})";
        }
        else
        {
            // .NET 9+: truncate toward zero, saturate, NaN → 0. DuckDB's cast rounds and raises out of range.
            string d = from == ExprType.Float32 ? $"CAST({x} AS DOUBLE)" : x;
            body = to == ExprType.Int32
                ? $"CASE WHEN isnan({d}) THEN CAST(0 AS INTEGER) WHEN {d} >= 2147483647.0 THEN {DuckDbSql.Max(to)} WHEN {d} <= -2147483648.0 THEN {DuckDbSql.Min(to)} ELSE CAST(trunc({d}) AS INTEGER) END"
                : $"CASE WHEN isnan({d}) THEN CAST(0 AS BIGINT) WHEN {d} >= CAST('9223372036854775808' AS DOUBLE) THEN {DuckDbSql.Max(to)} WHEN {d} <= CAST('-9223372036854775808' AS DOUBLE) THEN {DuckDbSql.Min(to)} ELSE CAST(trunc({d}) AS BIGINT) END";
        }
        // Strict: a NULL operand fails every WHEN and reaches the ELSE cast, which gives NULL.
        return new Frag(body, a.E, a.MayBeNull);
    }
}
