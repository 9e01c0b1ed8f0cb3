using Chalk.Expressions;
using Chalk.Sql.Aggregation;
using Chalk.Sql.Sources;
using ArrowValues = Chalk.Expressions.ArrowValues;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>Runs an aggregate statement over <see cref="ChildRows"/> in an in-memory DuckDB and compares it with <see cref="LinqOracle"/>.</summary>
internal static class AggregateResults
{
    /// <summary>The statement's rows by key row; with <paramref name="byteOrdered"/>, told whether its byte-ordered form
    /// (<see cref="AggregateSqlStatement.BytesSql"/>) is what ran.</summary>
    public static async Task<Dictionary<int, Dictionary<string, object?>>> RunAsync(ChildRows data, AggregateSqlStatement statement, Action<bool>? byteOrdered = null)
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        var batches = new List<Apache.Arrow.RecordBatch>();
        await source.QueryWithTablesAsync(statement.Sql!, statement.BytesSql, [("reviews", data.ChildTable()), ("keys", data.KeysTable())], statement.Rankings,
            "aggregate test", batches.Add);
        byteOrdered?.Invoke(source.ByteOrderedStatements > 0);
        var rows = new Dictionary<int, Dictionary<string, object?>>();
        foreach (var batch in batches)
        {
            using var owned = batch;
            for (int r = 0; r < batch.Length; r++)
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (int c = 0; c < batch.ColumnCount; c++) row[batch.Schema.FieldsList[c].Name] = ArrowValues.GetValue(batch.Column(c), r);
                rows.Add((int)row[AggregateSql.RowColumn]!, row);
            }
        }
        return rows;
    }

    /// <summary>Descriptions of the differences (at most <paramref name="limit"/>), empty when SQL and LINQ agree everywhere.</summary>
    public static async Task<List<string>> CompareAsync(ChildRows data, IReadOnlyList<(string Name, AggregateExpr Agg)> cases, int limit = 25,
        Action<AggregateSqlStatement, bool>? ran = null)
    {
        var statement = AggregateSql.Build(data.Request(cases.Select(c => c.Agg).ToList()));
        var problems = statement.Untranslatable.Select(u => $"{cases[u.Index].Name}: untranslatable: {u.Reason}").ToList();
        if (statement.Sql is null) return problems;
        var got = await RunAsync(data, statement, bytes => ran?.Invoke(statement, bytes));
        if (got.Count != data.Keys.Count) problems.Add($"{got.Count} result rows for {data.Keys.Count} key rows");
        foreach (var column in statement.Columns)
        {
            var (name, agg) = cases[column.Index];
            foreach (var key in data.Keys)
            {
                if (problems.Count >= limit) return problems;
                var visible = data.Visible(key.Key, key.AsOf);
                var want = LinqOracle.Evaluate(agg, visible, key.AsOf);
                var row = got[key.Row];
                var value = FromSql(row[column.ValueColumn], agg.Type);
                var error = column.ErrorColumn is null ? null : (string?)row[column.ErrorColumn];
                string where = $"{name} for key {key.Key} as of {key.AsOf:O} ({visible.Count} rows)";
                if (want.Error is not null)
                {
                    if (error != want.Error) problems.Add($"{where}: LINQ fails with '{want.Error}', SQL gives {Show(value)} / error '{error}'");
                }
                else if (error is not null) problems.Add($"{where}: SQL fails with '{error}', LINQ gives {Show(want.Value)}");
                else if (!Same(want.Value, value, agg.Kind is AggregateKind.Sum or AggregateKind.Average)) problems.Add($"{where}: LINQ {Show(want.Value)}, SQL {Show(value)}");
                else if (value is not null && error is null && row[column.ValueColumn] is null) problems.Add($"{where}: null value");
            }
        }
        return problems;
    }

    private static object? FromSql(object? value, ExprType type) => type == ExprType.Duration && value is long us ? TimeSpan.FromTicks(us * 10) : value;

    /// <summary>Equal values; floating sums and averages within relative 1e-12 (DuckDB adds in its own order), everything else bit for bit.</summary>
    public static bool Same(object? want, object? got, bool approximate) => (want, got) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double x, double y) when approximate => Close(x, y),
        (float x, float y) when approximate => Close(x, y),
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y)),
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) || (float.IsNaN(x) && float.IsNaN(y)),
        (DateTime x, DateTime y) => x.Ticks == y.Ticks,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        _ => want.Equals(got),
    };

    private static bool Close(double x, double y)
        => (double.IsNaN(x) && double.IsNaN(y)) || x == y || Math.Abs(x - y) <= 1e-12 * Math.Max(Math.Abs(x), Math.Abs(y));

    private static string Show(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + (d == 0 && double.IsNegative(d) ? " (-0)" : ""),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f" + (f == 0 && float.IsNegative(f) ? " (-0)" : ""),
        DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{v} ({v.GetType().Name})",
    };
}
