using Chalk.Expressions;
using ArrowValues = Chalk.Expressions.ArrowValues;
using Chalk.Sql.Aggregation;
using static Chalk.Expressions.Expr;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>What <c>AggregateSql</c> leaves to the engine, and that the statement never carries data values.</summary>
public class AggregateSqlTests
{
    private static AggregateExpr Agg(AggregateKind kind, Expr? value, ExprType type, Expr? order = null)
        => new(kind, "reviews", ChildRows.Row, value, null, order, false, false, false, type, true);

    [Test]
    public void Untranslatable_aggregates_are_reported_with_their_reason_and_the_rest_is_still_computed()
    {
        var data = new ChildRows(3);
        AggregateExpr[] aggregates =
        [
            Agg(AggregateKind.Sum, ChildRows.Col("i"), ExprType.Int32),
            Agg(AggregateKind.Sum, Col("review.nope", ExprType.Int32, true), ExprType.Int32),
            Agg(AggregateKind.Max, ChildRows.Col("s"), ExprType.Utf8),
            Agg(AggregateKind.MaxBy, ChildRows.Col("i"), ExprType.Int32, order: ChildRows.Col("s")),
            new(AggregateKind.Count, "reviews", ChildRows.Row, Call("to_string", ChildRows.Col("d")), null, null, false, true, false, ExprType.Int32, false),
        ];
        var statement = AggregateSql.Build(data.Request(aggregates));
        Assert.That(statement.Columns.Select(c => c.Index), Is.EqualTo(new[] { 0, 2, 3 }));
        Assert.That(statement.Untranslatable.Select(u => u.Index), Is.EqualTo(new[] { 1, 4 }));
        Assert.Multiple(() =>
        {
            Assert.That(statement.Untranslatable[0].Reason, Does.Contain("review.nope"));
            Assert.That(statement.Untranslatable[1].Reason, Does.Contain("to_string"));
        });
    }

    [Test]
    public void String_orderings_share_one_rank_table_per_ranked_expression()
    {
        var data = new ChildRows(3);
        var statement = AggregateSql.Build(data.Request(
        [
            Agg(AggregateKind.Max, ChildRows.Col("s"), ExprType.Utf8),
            Agg(AggregateKind.MaxBy, ChildRows.Col("i"), ExprType.Int32, order: ChildRows.Col("s")),
            Agg(AggregateKind.Min, ChildRows.Col("s"), ExprType.Utf8),
            Agg(AggregateKind.Max, ChildRows.Col("i"), ExprType.Int32),
        ]));
        Assert.That(statement.Untranslatable, Is.Empty);
        Assert.That(statement.Rankings.Select(r => r.Table), Is.EqualTo(new[] { "__chalk_rank_0" }));
        // The values are those of the key rows' children, compared as bytes.
        Assert.That(statement.Rankings[0].DistinctSql, Does.StartWith("SELECT DISTINCT encode(").And.Contain("JOIN \"keys\" __k"));
        Assert.That(statement.Sql, Does.Contain("LEFT JOIN \"__chalk_rank_0\" __rk0 ON encode(__rk0.v) = encode("));
    }

    [Test]
    public async Task A_string_the_ranking_query_did_not_return_fails_the_aggregate_instead_of_being_ordered_wrongly()
    {
        // Child SQL that returns other strings each time it runs: the ranking query sees x1…, the statement later numbers.
        var data = new ChildRows(6);
        // Max and Min (a min/max of ranks, each direction) and MinBy(s)?.i (an ordered pick by rank), then the count.
        var request = data.Request(
            [
                Agg(AggregateKind.Max, ChildRows.Col("s"), ExprType.Utf8), Agg(AggregateKind.Min, ChildRows.Col("s"), ExprType.Utf8),
                Agg(AggregateKind.MinBy, ChildRows.Col("i"), ExprType.Int32, order: ChildRows.Col("s")), Agg(AggregateKind.Count, null, ExprType.Int64),
            ])
            with { ChildRowsSql = "select id, fk, t, i, 'x' || nextval('bumps') as s from reviews" };
        var statement = AggregateSql.Build(request);
        await using var source = await WithSequenceAsync("bumps");
        var rows = new List<(object?[] Values, string?[] Errors, long Count)>();
        await source.QueryWithTablesAsync(statement.Sql!, [("reviews", data.ChildTable()), ("keys", data.KeysTable())], statement.Rankings, "aggregate test", batch =>
        {
            using (batch)
            {
                object? Read(string column, int r) => ArrowValues.GetValue(batch.Column(batch.Schema.GetFieldIndex(column)), r);
                for (int r = 0; r < batch.Length; r++)
                {
                    rows.Add((statement.Columns.Take(3).Select(c => Read(c.ValueColumn, r)).ToArray(),
                        statement.Columns.Take(3).Select(c => (string?)Read(c.ErrorColumn!, r)).ToArray(),
                        (long)Read(statement.Columns[3].ValueColumn, r)!));
                }
            }
        });
        Assert.That(rows, Has.Count.EqualTo(data.Keys.Count));
        Assert.That(rows.Where(r => r.Count > 0), Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (values, errors, _) in rows.Where(r => r.Count > 0))
            {
                Assert.That(values, Has.All.Null);
                Assert.That(errors, Has.All.Contain("a string the ranking query did not return"));
            }
        });
    }

    [Test]
    public async Task Codes_from_sql_that_differs_each_run_are_ranked_not_ordered_by_their_bytes()
    {
        // "x000001", "x000002", …: the culture orders them as their bytes, but the ranking query and the statement read
        // different ones, so the byte-ordered form (which checks only what the ranking query returned) must not run.
        var data = new ChildRows(6);
        var request = data.Request([Agg(AggregateKind.Max, ChildRows.Col("s"), ExprType.Utf8), Agg(AggregateKind.Min, ChildRows.Col("s"), ExprType.Utf8)])
            with { ChildRowsSql = "select id, fk, t, i, 'x' || lpad(nextval('codes')::VARCHAR, 6, '0') as s from reviews" };
        var statement = AggregateSql.Build(request);
        Assert.That(statement.BytesSql, Does.Contain("encode(__c0) AS").And.Contain("max(__a0_bx)").And.Not.Contain("__chalk_rank"));
        await using var source = await WithSequenceAsync("codes");
        var errors = new List<string?>();
        await source.QueryWithTablesAsync(statement.Sql!, statement.BytesSql, [("reviews", data.ChildTable()), ("keys", data.KeysTable())], statement.Rankings,
            "aggregate test", batch =>
            {
                using (batch)
                {
                    var column = batch.Column(batch.Schema.GetFieldIndex(statement.Columns[0].ErrorColumn!));
                    for (int r = 0; r < batch.Length; r++) errors.Add((string?)ArrowValues.GetValue(column, r));
                }
            });
        Assert.That(source.ByteOrderedStatements, Is.Zero);
        Assert.That(errors.Where(e => e is not null), Is.Not.Empty.And.All.Contain("a string the ranking query did not return"));
    }

    // An in-memory DuckDB holding a sequence the child SQL numbers its rows with.
    private static async Task<Chalk.Sql.Sources.DuckDbSource> WithSequenceAsync(string name)
    {
        var source = new Chalk.Sql.Sources.DuckDbSource("Data Source=:memory:");
        await source.UseConnectionAsync(c =>
        {
            using var create = c.CreateCommand();
            create.CommandText = "create sequence " + name;
            create.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        return source;
    }

    [Test]
    public void No_translatable_aggregate_gives_no_statement()
    {
        var statement = AggregateSql.Build(new ChildRows(3).Request([Agg(AggregateKind.Min, Col("review.nope", ExprType.Utf8, true), ExprType.Utf8)]));
        Assert.That(statement.Sql, Is.Null);
        Assert.That(statement.Untranslatable, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Data_values_are_loaded_never_written_into_the_statement()
    {
        var data = new ChildRows(4);
        var first = Agg(AggregateKind.First, ChildRows.Col("s"), ExprType.Utf8);
        var distinct = new AggregateExpr(AggregateKind.Count, "reviews", ChildRows.Row, ChildRows.Col("s"), null, null, false, true, false, ExprType.Int64, false);
        var statement = AggregateSql.Build(data.Request([first, distinct]));
        foreach (var hostile in ChildRows.HostileStrings.Where(s => s.Length > 2)) Assert.That(statement.Sql, Does.Not.Contain(hostile));
        Assert.That(await AggregateResults.CompareAsync(data, [("First().s", first), ("Select(s).Distinct().Count()", distinct)]), Is.Empty);
    }

    [Test]
    public void Identifiers_are_quoted_so_a_name_cannot_inject_sql()
    {
        var data = new ChildRows(5);
        var request = data.Request([Agg(AggregateKind.Count, null, ExprType.Int64)], keysTable: "k\"; DROP TABLE x; --") with { ForeignKeyColumn = "f\"k" };
        var sql = AggregateSql.Build(request).Sql!;
        Assert.That(sql, Does.Contain("\"k\"\"; DROP TABLE x; --\""));
        Assert.That(sql, Does.Contain("\"f\"\"k\""));
    }
}
