using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Sql.Aggregation;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using ArrowValues = Chalk.Expressions.ArrowValues;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>Every aggregate case of <see cref="AggregateCases"/> through PostgreSQL's aggregate pushdown, against LINQ to
/// objects on the edge-heavy <see cref="ChildRows"/>: what it translates must agree value for value (floats bit for bit)
/// and error for error; what it cannot answer it refuses, or leaves the key row to the engine (a recheck).</summary>
[TestFixture]
public sealed class PostgresAggregateSqlDifferentialTests
{
    private const string KeysTable = "__chalk_keys";

    private PostgresSource _source = null!;
    private string _connectionString = "";

    [OneTimeSetUp]
    public async Task SetUp()
    {
        var server = PostgresServer.Shared;
        var database = "aggsql_" + Guid.NewGuid().ToString("N")[..12];
        await server.ExecuteAsync($"create database {database}");
        _connectionString = server.ConnectionString(database);
        _source = new PostgresSource(_connectionString);
    }

    [OneTimeTearDown]
    public ValueTask TearDown() => _source.DisposeAsync();

    // The least number of cases per kind PostgreSQL must translate: the unfiltered and bool-filtered plain forms.
    [TestCase(AggregateKind.Count, 4)]
    [TestCase(AggregateKind.Any, 2)]
    [TestCase(AggregateKind.All, 4)]
    [TestCase(AggregateKind.Sum, 12)]
    [TestCase(AggregateKind.Min, 12)]
    [TestCase(AggregateKind.Max, 12)]
    public async Task What_postgresql_translates_agrees_with_linq_and_the_rest_is_refused(AggregateKind kind, int atLeast)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var data = new ChildRows(seed);
            string table = $"reviews_{kind.ToString().ToLowerInvariant()}_{seed}";
            await LoadAsync(table, data.ChildTable());
            var cases = AggregateCases.For(kind).ToList();
            var statement = _source.AggregatePushdown.Build(data.Request(cases.Select(c => c.Agg).ToList(), table, KeysTable));
            Assert.That(statement.Columns, Has.Count.GreaterThanOrEqualTo(atLeast), "translated: " + string.Join(", ", statement.Columns.Select(c => cases[c.Index].Name)));
            Assert.That(statement.Columns.Count + statement.Untranslatable.Count, Is.EqualTo(cases.Count));
            var (rows, rechecked) = await RunAsync(statement, data);
            Assert.That(rows.Count + rechecked.Count, Is.EqualTo(data.Keys.Count), "one result row per key row");
            // This data is extreme (an eighth of the integers are near int.MaxValue), so integer sums recheck often here.
            Assert.That(rechecked.Count, Is.LessThan(data.Keys.Count / 2), "rechecks are for the order-dependent key rows only");
            var problems = new List<string>();
            foreach (var column in statement.Columns)
            {
                var (name, agg) = cases[column.Index];
                foreach (var key in data.Keys.Where(k => !rechecked.Contains(k.Row)))
                {
                    var visible = data.Visible(key.Key, key.AsOf);
                    var want = LinqOracle.Evaluate(agg, visible, key.AsOf);
                    var row = rows[key.Row];
                    var value = row[column.ValueColumn];
                    var error = column.ErrorColumn is null ? null : (string?)row[column.ErrorColumn];
                    string where = $"{name} for key {key.Key} as of {key.AsOf:O} ({visible.Count} rows), seed {seed}";
                    if (want.Error != error) problems.Add($"{where}: LINQ error '{want.Error}', PostgreSQL '{error}'");
                    else if (want.Error is null && !AggregateResults.Same(want.Value, value, approximate: false)) problems.Add($"{where}: LINQ {want.Value}, PostgreSQL {value}");
                }
            }
            Assert.That(problems, Is.Empty, string.Join("\n", problems.Take(25)));
        }
    }

    [TestCase(AggregateKind.Average)]
    [TestCase(AggregateKind.MinBy)]
    [TestCase(AggregateKind.First)]
    public void Kinds_without_an_exact_postgresql_form_are_refused_with_the_reason(AggregateKind kind)
    {
        var cases = AggregateCases.For(kind).ToList();
        var statement = _source.AggregatePushdown.Build(new ChildRows(1).Request(cases.Select(c => c.Agg).ToList(), "reviews", KeysTable));
        Assert.That(statement.Sql, Is.Null);
        Assert.That(statement.Untranslatable.Select(u => u.Reason).Distinct(), Is.EqualTo(new[] { $"{kind} is not pushed down to PostgreSQL (only Count, Any, All, Sum, Min and Max are)" }));
    }

    private async Task<(Dictionary<int, Dictionary<string, object?>> Rows, HashSet<int> Rechecked)> RunAsync(AggregateSqlStatement statement, ChildRows data)
    {
        var rows = new Dictionary<int, Dictionary<string, object?>>();
        var rechecked = await _source.AggregatePushdown.RunAsync(statement, KeysTable, data.KeysTable(), "aggregate test", batch =>
        {
            using (batch)
            {
                for (int r = 0; r < batch.Length; r++)
                {
                    var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                    for (int c = 0; c < batch.ColumnCount; c++) row[batch.Schema.FieldsList[c].Name] = ArrowValues.GetValue(batch.Column(c), r);
                    rows.Add((int)row[AggregateSql.RowColumn]!, row);
                }
            }
        });
        return (rows, rechecked.ToHashSet());
    }

    // The child rows, copied in binary (NaN, ±∞ and -0 exactly); durations are left out (PostgreSQL refuses them anyway).
    private async Task LoadAsync(string table, RecordBatch rows)
    {
        var columns = rows.Schema.FieldsList.Select((f, i) => (f.Name, Index: i, Type: PgType(f.DataType.TypeId))).Where(c => c.Type is not null).ToList();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        string names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using (var create = new NpgsqlCommand($"create table {table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\" {c.Type!.Value.Sql}"))})", connection))
            await create.ExecuteNonQueryAsync();
        await using var copy = await connection.BeginBinaryImportAsync($"copy {table} ({names}) from stdin (format binary)");
        for (int r = 0; r < rows.Length; r++)
        {
            await copy.StartRowAsync();
            foreach (var (_, index, type) in columns)
            {
                var value = ArrowValues.GetValue(rows.Column(index), r);
                if (value is null) await copy.WriteNullAsync();
                else await copy.WriteAsync(value is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Unspecified) : value, type!.Value.Db);
            }
        }
        await copy.CompleteAsync();
    }

    private static (string Sql, NpgsqlDbType Db)? PgType(Apache.Arrow.Types.ArrowTypeId type) => type switch
    {
        Apache.Arrow.Types.ArrowTypeId.Int32 => ("int4", NpgsqlDbType.Integer),
        Apache.Arrow.Types.ArrowTypeId.Int64 => ("int8", NpgsqlDbType.Bigint),
        Apache.Arrow.Types.ArrowTypeId.Double => ("float8", NpgsqlDbType.Double),
        Apache.Arrow.Types.ArrowTypeId.Float => ("float4", NpgsqlDbType.Real),
        Apache.Arrow.Types.ArrowTypeId.String => ("text", NpgsqlDbType.Text),
        Apache.Arrow.Types.ArrowTypeId.Boolean => ("bool", NpgsqlDbType.Boolean),
        Apache.Arrow.Types.ArrowTypeId.Timestamp => ("timestamp", NpgsqlDbType.Timestamp),
        _ => null,
    };
}
