using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Tests.Infrastructure;

/// <summary>Input batches of 64-bit keys, with a query time per row for point-in-time queries.</summary>
internal static class KeyBatches
{
    /// <summary>One column <paramref name="key"/> of <paramref name="keys"/>.</summary>
    public static RecordBatch Of(string key, IReadOnlyList<long> keys)
    {
        var ids = new Int64Array.Builder().AppendRange(keys).Build();
        return new RecordBatch(new Schema([new Field(key, ids.Data.DataType, false)], null), [ids], keys.Count);
    }

    /// <summary><paramref name="key"/> and the microsecond time column <paramref name="time"/> (<c>asOf</c> of a batch query).</summary>
    public static RecordBatch At(string key, IReadOnlyList<long> keys, IReadOnlyList<DateTime> asOf, string time = "ts")
    {
        var ids = new Int64Array.Builder().AppendRange(keys).Build();
        var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var t in asOf) ts.Append(new DateTimeOffset(t, TimeSpan.Zero));
        var times = ts.Build();
        return new RecordBatch(new Schema([new Field(key, ids.Data.DataType, false), new Field(time, times.Data.DataType, false)], null),
            [ids, times], keys.Count);
    }
}
