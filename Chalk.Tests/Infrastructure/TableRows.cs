using Apache.Arrow;

namespace Chalk.Tests.Infrastructure;

/// <summary>A query result's rows as .NET values (<see cref="Chalk.Expressions.ArrowValues.Get"/>), to compare with plain C#.</summary>
internal static class TableRows
{
    /// <summary>Row <paramref name="row"/> of <paramref name="table"/>'s first <paramref name="columns"/> columns.</summary>
    public static object?[] Row(RecordBatch table, int row, int columns)
        => Enumerable.Range(0, columns).Select(c => Chalk.Expressions.ArrowValues.Get(table.Column(c), row)).ToArray();

    /// <summary>The first <paramref name="count"/> rows of <paramref name="table"/>'s first <paramref name="columns"/> columns.</summary>
    public static object?[][] Rows(RecordBatch table, int count, int columns)
        => Enumerable.Range(0, count).Select(r => Row(table, r, columns)).ToArray();
}
