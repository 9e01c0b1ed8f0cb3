using Chalk.Expressions;
using Apache.Arrow;

namespace Chalk.Execution.Nodes;

/// <summary>The query time of each parent row, as <see cref="QueryTime.Of"/> reads it and as raw microseconds for unboxed comparisons.</summary>
internal sealed class ParentQueryTimes
{
    private readonly Func<int, DateTime> _at;
    private readonly TimestampArray? _raw;

    private ParentQueryTimes(Func<int, DateTime> at, TimestampArray? raw)
    {
        _at = at;
        _raw = raw;
    }

    /// <summary>The times of <paramref name="batch"/>'s <see cref="QueryTime.Column"/>; a missing column throws only when read.</summary>
    public static ParentQueryTimes Of(RecordBatch batch)
    {
        var at = QueryTime.Of(batch);
        int index = SchemaFields.IndexOf(batch.Schema, QueryTime.Column);
        return new ParentQueryTimes(at, index < 0 ? null : (TimestampArray)batch.Column(index));
    }

    /// <summary>The row's query time; throws <see cref="ChalkInternalException"/> when the column is missing or the value null.</summary>
    public DateTime At(int row) => _at(row);

    /// <summary>The row's query time as the raw microseconds <see cref="At"/> converts, when present and in
    /// <see cref="DateTime"/>'s range (so they compare as the converted times do); otherwise false, and
    /// <see cref="At"/> gives the answer or the error.</summary>
    public bool TryMicros(int row, out long micros)
    {
        micros = 0;
        if (_raw is null || _raw.IsNull(row)) return false;
        micros = _raw.Values[row];
        return ChildRowOrder.MicrosInRange(micros);
    }
}
