using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Sql.Templates;

namespace Chalk.Tests.Sql.Templates;

/// <summary>A resolver's text wrapped as a subquery (a has-many fetch filtered by its foreign key) still runs when the
/// file ends in a line comment or a semicolon.</summary>
public sealed class SqlTemplateWrapTests
{
    [TestCase("select i::bigint as id from range(10) r(i) -- every row\n")]
    [TestCase("select i::bigint as id from range(10) r(i) -- every row")]
    [TestCase("select i::bigint as id from range(10) r(i);\n-- trailing comment")]
    [TestCase("select i::bigint as id from range(10) r(i) /* block */ ;")]
    public async Task A_wrapped_file_ending_in_a_comment_or_terminator_runs(string file)
    {
        var wrapped = new SqlTemplate([SqlSegment.Literal(file)], 0)
            .Wrap("select t.id from (", [SqlSegment.Literal(") as t where t.id = "), SqlSegment.Parameter(0)], 1);
        await using var source = new DuckDbSource("Data Source=:memory:");
        var ids = new Int64Array.Builder().Append(7).Build();
        using var result = await source.QueryAsync(new SqlQuery("wrap", wrapped, [Int64Type.Default], "file.chalk.sql"),
            new RecordBatch(new Schema([new Field("p", Int64Type.Default, false)], null), [ids], 1));
        Assert.That(result.RowCount, Is.EqualTo(1));
        Assert.That(((Int64Array)result.Batches[0].Column(1)).GetValue(0), Is.EqualTo(7));
    }
}
