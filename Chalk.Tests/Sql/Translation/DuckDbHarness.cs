using System.Globalization;
using Chalk.Expressions;
using Chalk.Sql.Translation;
using DuckDB.NET.Data;

namespace Chalk.Tests.Sql.Translation;

/// <summary>An in-memory DuckDB table <c>t</c> of typed input rows, and a comparison of translated SQL against <see cref="ReferenceEvaluator"/>.</summary>
internal sealed class DuckDbHarness : IDisposable
{
    public static readonly (string Name, ExprType Type)[] Columns =
    [
        ("b", ExprType.Bool), ("i", ExprType.Int32), ("j", ExprType.Int32), ("l", ExprType.Int64), ("f", ExprType.Float32),
        ("d", ExprType.Float64), ("e", ExprType.Float64), ("s", ExprType.Utf8), ("u", ExprType.Utf8), ("t", ExprType.Timestamp),
        ("p", ExprType.Duration),
    ];

    private readonly DuckDBConnection _connection;

    public DuckDbHarness(IReadOnlyList<Dictionary<string, object?>> rows)
    {
        Rows = rows;
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        Execute($"CREATE TABLE t (rid INTEGER, {string.Join(", ", Columns.Select(c => $"\"{c.Name}\" {DuckDbSqlTranslator.SqlType(c.Type)}"))})");
        using var tx = _connection.BeginTransaction();
        for (int r = 0; r < rows.Count; r++)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"INSERT INTO t VALUES ($1, {string.Join(", ", Columns.Select((c, k) => $"CAST(${k + 2} AS {DuckDbSqlTranslator.SqlType(c.Type)})"))})";
            cmd.Parameters.Add(new DuckDBParameter(r));
            foreach (var c in Columns) cmd.Parameters.Add(new DuckDBParameter(ToSql(rows[r].GetValueOrDefault(c.Name)) ?? DBNull.Value));
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        // The loaded values must be the .NET values bit for bit (e.g. −0.0, NaN, non-BMP text), or the comparison means nothing.
        var loaded = Query($"SELECT {string.Join(", ", Columns.Select(c => $"\"{c.Name}\""))} FROM t ORDER BY rid");
        for (int r = 0; r < rows.Count; r++)
        {
            for (int k = 0; k < Columns.Length; k++)
            {
                var expected = rows[r].GetValueOrDefault(Columns[k].Name);
                if (!Same(expected, FromSql(loaded[r][k], Columns[k].Type))) throw new InvalidOperationException($"row {r} column {Columns[k].Name}: loaded {loaded[r][k]} for {expected}");
            }
        }
    }

    public IReadOnlyList<Dictionary<string, object?>> Rows { get; }

    public DuckDBConnection Connection => _connection;

    public static string ColumnSql(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public List<object?[]> Query(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var result = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int k = 0; k < row.Length; k++) row[k] = reader.IsDBNull(k) ? null : reader.GetValue(k);
            result.Add(row);
        }
        return result;
    }

    /// <summary>Null if SQL and reference agree on every row, else a description of the first difference.</summary>
    public string? Compare(Expr expr, SqlTranslation tr)
    {
        var reference = Rows.Select(r => ReferenceEvaluator.EvaluateRow(expr, n => r.GetValueOrDefault(n))).ToArray();
        string errorSql = tr.ErrorSql ?? "CAST(NULL AS VARCHAR)";
        List<object?[]> got;
        try
        {
            got = Query($"SELECT {tr.ValueSql}, {errorSql} FROM t ORDER BY rid");
        }
        catch (DuckDBException e)
        {
            return $"value/error SQL raised: {e.Message}\nSQL: {tr.ValueSql}";
        }
        for (int r = 0; r < Rows.Count; r++)
        {
            var want = reference[r];
            var (value, error) = (FromSql(got[r][0], expr.Type), (string?)got[r][1]);
            if (want.Error is not null)
            {
                if (error is null) return $"row {r}: reference fails with '{want.Error}', SQL gives {Show(value)} without error";
                if (!MessageMatches(want.Error, error)) return $"row {r}: reference fails with '{want.Error}', SQL with '{error}'";
                continue;
            }
            if (error is not null) return $"row {r}: SQL fails with '{error}', reference gives {Show(want.Value)}";
            if (!Same(want.Value, value)) return $"row {r}: reference {Show(want.Value)}, SQL {Show(value)}";
            if (value is null && !tr.MayBeNull) return $"row {r}: the translation says it is never null on a row that does not fail, SQL gives NULL";
        }
        bool anyError = reference.Any(v => v.Error is not null);
        try
        {
            Query($"SELECT {tr.Sql} FROM t ORDER BY rid");
            if (anyError) return "raising SQL did not fail although a row fails in .NET";
        }
        catch (DuckDBException e)
        {
            if (!anyError) return $"raising SQL failed although no row fails in .NET: {e.Message}";
        }
        return null;
    }

    /// <summary>Messages match exactly, except Math.Clamp on floats, whose message formats the bounds the way only .NET does.</summary>
    public static bool MessageMatches(string expected, string actual) =>
        expected == actual || (actual == DuckDbSqlTranslator.FloatClampMessage && expected.Contains("' cannot be greater than ", StringComparison.Ordinal));

    /// <summary>Durations travel as BIGINT microseconds, the translator's representation.</summary>
    public static object? ToSql(object? value) => value is TimeSpan d ? d.Ticks / 10 : value;

    public static object? FromSql(object? value, ExprType type) => type == ExprType.Duration && value is long us ? TimeSpan.FromTicks(us * 10) : value;

    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y)),
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) || (float.IsNaN(x) && float.IsNaN(y)),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (DateTime x, DateTime y) => x.Ticks == y.Ticks,
        _ => a.Equals(b),
    };

    public static string Show(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + (double.IsNegative(d) && d == 0 ? " (−0)" : ""),
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        string s => "\"" + s + "\"",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) + ":" + v.GetType().Name,
    };

    public void Dispose() => _connection.Dispose();
}
