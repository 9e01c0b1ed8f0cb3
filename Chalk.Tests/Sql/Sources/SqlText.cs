using System.Globalization;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Arrow;
using Chalk.Sql.Sources;
using Chalk.Sql.Templates;
using Chalk.Expressions;

namespace Chalk.Tests.Sql.Sources;

/// <summary>Builds queries and parameter batches for source tests, and reads results back as rows.</summary>
internal static partial class SqlText
{
    /// <summary>A query whose text marks slot i as <c>{i}</c>.</summary>
    public static SqlQuery Query(string text, params IArrowType[] parameterTypes)
    {
        var segments = new List<SqlSegment>();
        int last = 0;
        foreach (Match m in Slot().Matches(text))
        {
            segments.Add(SqlSegment.Literal(text[last..m.Index]));
            segments.Add(SqlSegment.Parameter(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
            last = m.Index + m.Length;
        }
        segments.Add(SqlSegment.Literal(text[last..]));
        return new SqlQuery("q:" + text, new SqlTemplate(segments, parameterTypes.Length), parameterTypes, "resolvers/test.chalk.sql");
    }

    /// <summary>A batch of zero columns and one row, for statements without parameters.</summary>
    public static RecordBatch NoParameters() => new(new Schema([], null), [], 1);

    /// <summary>One int64 column.</summary>
    public static RecordBatch Longs(params long?[] values)
    {
        var b = new Int64Array.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.Value); }
        return Batch(b.Build());
    }

    /// <summary>One utf8 column.</summary>
    public static RecordBatch Strings(params string?[] values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v); }
        return Batch(b.Build());
    }

    /// <summary>A batch of the given columns.</summary>
    public static RecordBatch Batch(params IArrowArray[] columns)
        => new(new Schema(columns.Select((c, i) => new Field("p" + i, c.Data.DataType, true)), null), columns, columns.Length == 0 ? 1 : columns[0].Length);

    /// <summary>A one-row timestamp[us] array.</summary>
    public static TimestampArray Timestamp(DateTime utc)
    {
        long micros = (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        var values = new ArrowBuffer.Builder<long>().Append(micros).Build();
        return new TimestampArray(ArrowTypes.Timestamp, values, ArrowBuffer.Empty, 1, 0, 0);
    }

    /// <summary>The result rows, each as (parameter row, values), in result order.</summary>
    public static List<(int Row, object?[] Values)> Rows(SqlResult result)
    {
        var rows = new List<(int, object?[])>();
        foreach (var batch in result.Batches)
        {
            Assert.That(batch.Schema.FieldsList[0].Name, Is.EqualTo(SqlResult.RowColumn));
            var index = (Int32Array)batch.Column(0);
            for (int i = 0; i < batch.Length; i++)
            {
                var values = new object?[batch.ColumnCount - 1];
                for (int c = 1; c < batch.ColumnCount; c++) values[c - 1] = ArrowValues.Get(batch.Column(c), i);
                rows.Add((index.GetValue(i)!.Value, values));
            }
        }
        return rows;
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Slot();
}
