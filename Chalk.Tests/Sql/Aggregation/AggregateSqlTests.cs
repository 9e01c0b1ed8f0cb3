using Chalk.Expressions;
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
        Assert.That(statement.Columns.Select(c => c.Index), Is.EqualTo(new[] { 0 }));
        Assert.That(statement.Untranslatable.Select(u => u.Index), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.Multiple(() =>
        {
            Assert.That(statement.Untranslatable[0].Reason, Does.Contain("review.nope"));
            Assert.That(statement.Untranslatable[1].Reason, Does.Contain("culture-sensitive"));
            Assert.That(statement.Untranslatable[2].Reason, Does.Contain("orders by a string"));
            Assert.That(statement.Untranslatable[3].Reason, Does.Contain("to_string"));
        });
    }

    [Test]
    public void No_translatable_aggregate_gives_no_statement()
    {
        var statement = AggregateSql.Build(new ChildRows(3).Request([Agg(AggregateKind.Min, ChildRows.Col("s"), ExprType.Utf8)]));
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
