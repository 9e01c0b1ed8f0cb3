using Apache.Arrow;
using Chalk.Lifting;
using Chalk.Projects;

namespace Chalk.Tests.Engine.Misuse;

/// <summary>The public result records print their contents, not a collection's type name (issue 12 item 13: ``List`1[System.String]``).</summary>
public sealed class ResultTextTests
{
    [Test]
    public void A_lifted_body_prints_its_outputs_and_how_it_runs()
    {
        var body = new LiftedBody("Order.Total", ["order.total", "order.net"], true, "col(\"a\") + lit(1)", 3);
        Assert.That(body.ToString(), Is.EqualTo("Order.Total -> order.total, order.net: lifted (gas 3): col(\"a\") + lit(1)"));
        Assert.That(new LiftedBody("Order.Loop", ["order.loop"], false, "loop at IL_0004", 0).ToString(), Does.EndWith("per row: loop at IL_0004"));
    }

    [Test]
    public void A_verification_a_batch_result_and_source_settings_print_their_contents()
    {
        Assert.That(new LiftVerification("Order.Total", 2000, []).ToString(), Is.EqualTo("Order.Total: agrees on 2000 rows"));
        Assert.That(new LiftVerification("Order.Total", 10, ["row 3: lifted 1, per row 2"]).ToString(), Does.Contain("row 3: lifted 1, per row 2"));
        var table = new RecordBatch(new Schema([new Field("order.total", Apache.Arrow.Types.DoubleType.Default, true)], null),
            [new DoubleArray.Builder().Append(1).Build()], 1);
        var batch = new BatchResult(table, [new FeatureError("order.total", 0, "boom")]);
        Assert.That(batch.ToString(), Is.EqualTo("BatchResult { Rows = 1, Columns = order.total, Errors = 1, MissingRows = 0 }"));
        var settings = new SourceSettings("duckdb", new Dictionary<string, string> { ["path"] = "x.duckdb" });
        Assert.That(settings.ToString(), Is.EqualTo("duckdb { path = x.duckdb }"));
        foreach (var text in new[] { batch.ToString(), settings.ToString() }) Assert.That(text, Does.Not.Contain("`1"));
    }
}
