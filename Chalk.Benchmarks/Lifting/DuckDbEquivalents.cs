using Apache.Arrow;
using DuckDB.NET.Data;

namespace Chalk.Benchmarks.Lifting;

/// <summary>Each benchmark method written as a DuckDB SQL expression over columns named like its parameters.</summary>
/// <remarks>Literals are DOUBLE so DuckDB does not compute in DECIMAL; the results match the C# on the benchmark's data.</remarks>
internal static class DuckDbEquivalents
{
    private const string Discounted = "CASE WHEN discount IS NULL THEN subtotal ELSE greatest(subtotal - discount, 0.0::DOUBLE) END";
    private const string Rate = "(CASE WHEN score < 300 THEN 0.0::DOUBLE WHEN score < 600 THEN 0.05::DOUBLE WHEN score < 750 THEN 0.1::DOUBLE ELSE 0.15::DOUBLE END"
        + " + CASE WHEN vip THEN 0.05::DOUBLE ELSE 0.0::DOUBLE END)";
    private const string X = "(coalesce(a, 0.0::DOUBLE) + CASE WHEN c > 100 THEN c ELSE 0 END)";

    public static IReadOnlyDictionary<string, string> Sql { get; } = new Dictionary<string, string>
    {
        ["ComputeTotal"] = $"CASE WHEN NOT taxable OR taxRate IS NULL THEN {Discounted} ELSE ({Discounted}) * (1.0::DOUBLE + taxRate) END",
        ["Branchy"] = $"CASE WHEN amount > 10000 THEN amount * (1 - {Rate}) - 100 WHEN amount < 0 THEN 0.0::DOUBLE ELSE amount * (1 - {Rate}) END",
        ["StringShape"] = "CASE WHEN name IS NULL OR trim(name) = '' THEN 'anonymous' WHEN city IS NOT NULL AND starts_with(city, 'San') THEN upper(trim(name)) || ' (CA)' "
            + "ELSE upper(trim(name)) || '/' || coalesce(city, '?') END",
        ["DateShape"] = "CASE WHEN now - created > INTERVAL 365 DAY THEN year(created) WHEN dayofweek(created) IN (0, 6) THEN dayofyear(created) "
            + "ELSE month(created) * 100 + day(created) END",
        ["MathHeavy"] = "sqrt(x * x + y * y) + ln(abs(x) + 1) * exp(-abs(y) / 100) + round_even(pow(x, 2) / 7, 2) - floor(y / 3) + least(greatest(x, -50.0::DOUBLE), 50.0::DOUBLE)",
        ["NullableHeavy"] = $"CASE WHEN a IS NULL AND b IS NULL THEN NULL WHEN b IS NOT NULL THEN {X} * b + coalesce(a, b) ELSE {X} - coalesce(c, 0) END",
    };
}

/// <summary>A benchmark batch loaded into an in-memory DuckDB table <c>t</c>.</summary>
internal sealed class DuckDbTable : IDisposable
{
    private readonly DuckDBConnection _connection;

    private DuckDbTable(DuckDBConnection connection) => _connection = connection;

    public static DuckDbTable Load(RecordBatch batch)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            var columns = batch.Schema.FieldsList.Select(f => $"\"{f.Name}\" {TypeName(f.DataType)}");
            create.CommandText = $"create table t ({string.Join(", ", columns)})";
            create.ExecuteNonQuery();
        }
        using (var appender = connection.CreateAppender("t"))
        {
            for (int row = 0; row < batch.Length; row++)
            {
                var r = appender.CreateRow();
                for (int c = 0; c < batch.ColumnCount; c++)
                {
                    r = Chalk.Expressions.ArrowValues.GetValue(batch.Column(c), row) switch
                    {
                        null => r.AppendNullValue(),
                        bool b => r.AppendValue(b),
                        int i => r.AppendValue(i),
                        long l => r.AppendValue(l),
                        double d => r.AppendValue(d),
                        string s => r.AppendValue(s),
                        DateTime t => r.AppendValue(t),
                        var other => throw new NotSupportedException(other.GetType().Name),
                    };
                }
                r.EndRow();
            }
        }
        return new DuckDbTable(connection);
    }

    /// <summary>Runs <c>select expr from t</c> and reads every result batch as Arrow; returns the row count.</summary>
    public long Select(string expression)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"select {expression} as v from t";
        long rows = 0;
        using var stream = command.ExecuteArrowStream();
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } b)
        {
            rows += b.Length;
            b.Dispose();
        }
        return rows;
    }

    public void Dispose() => _connection.Dispose();

    private static string TypeName(Apache.Arrow.Types.IArrowType type) => type.TypeId switch
    {
        Apache.Arrow.Types.ArrowTypeId.Boolean => "BOOLEAN",
        Apache.Arrow.Types.ArrowTypeId.Int32 => "INTEGER",
        Apache.Arrow.Types.ArrowTypeId.Int64 => "BIGINT",
        Apache.Arrow.Types.ArrowTypeId.Double => "DOUBLE",
        Apache.Arrow.Types.ArrowTypeId.String => "VARCHAR",
        _ => "TIMESTAMP",
    };
}
