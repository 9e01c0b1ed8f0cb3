using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions.Arrow;

/// <summary>Columns are found by their exact names: two names that the current culture calls equal (a composed and a
/// decomposed accent, a name with an ignorable character) are two columns.</summary>
public sealed class SchemaFieldsTests
{
    private const string Decomposed = "cafe\u0301";
    private const string Composed = "caf\u00e9";
    private const string WithIgnorable = "caf\u00e9\u0000";

    [Test]
    public void A_name_finds_only_its_own_field()
    {
        var schema = Batch().Schema;
        Assert.That(SchemaFields.IndexOf(schema, Decomposed), Is.EqualTo(0));
        Assert.That(SchemaFields.IndexOf(schema, Composed), Is.EqualTo(1));
        Assert.That(SchemaFields.IndexOf(schema, WithIgnorable), Is.EqualTo(2));
        Assert.That(SchemaFields.IndexOf(schema, "CAF\u00c9"), Is.EqualTo(-1));
        Assert.That(SchemaFields.IndexOf(schema, "caf"), Is.EqualTo(-1));
    }

    [Test]
    public void A_compiled_expression_reads_the_column_of_its_exact_name()
    {
        var batch = Batch();
        var compiled = ExpressionCompiler.Compile(
            [Expr.Col(Composed, ExprType.Int64), Expr.Col(WithIgnorable, ExprType.Int64), Expr.Col(Decomposed, ExprType.Int64)], batch.Schema);
        var results = compiled.Evaluate(batch);
        Assert.That(results.Values.Select(v => ((Int64Array)v.ToArray()).GetValue(0)), Is.EqualTo(new long?[] { 2, 3, 1 }));
    }

    private static RecordBatch Batch()
    {
        var names = new[] { Decomposed, Composed, WithIgnorable };
        var arrays = names.Select((_, i) => (IArrowArray)new Int64Array.Builder().Append(i + 1).Build()).ToList();
        return new RecordBatch(new Schema(names.Select(n => new Field(n, Int64Type.Default, false)), null), arrays, 1);
    }
}
