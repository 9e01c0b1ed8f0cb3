using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Expressions;

namespace Chalk.Execution.Nodes;

internal sealed partial class ChildRowOrder
{
    // The microseconds since the Unix epoch that are a DateTime: inside them raw values compare as the DateTimes do.
    private static readonly long s_minMicros = ArrowTime.TimestampToMicros(DateTime.MinValue);
    private static readonly long s_maxMicros = ArrowTime.TimestampToMicros(DateTime.MaxValue);

    /// <summary>Whether raw microseconds since the epoch convert to a <see cref="DateTime"/> (outside, conversion throws).</summary>
    public static bool MicrosInRange(long micros) => (ulong)(micros - s_minMicros) <= (ulong)(s_maxMicros - s_minMicros);

    private string TimeOrigin => _fetch is null
        ? "the rows' time column"
        : $"{_fetch.Name}: column '{_fetch.Columns.FirstOrDefault(c => c.Feature == _timeFeature)?.Column}' ({_timeFeature?.Path}, the rows' time)";

    /// <summary>Writes the rows of <paramref name="group"/> visible at <paramref name="parentRow"/>'s query time to
    /// <paramref name="into"/> (at least as long as the group), in group order; returns how many.</summary>
    /// <remarks>The parent's query time is read only once a child row has a time, as the per-row check did.</remarks>
    public int Visible(ReadOnlySpan<int> group, int parentRow, ParentQueryTimes asOf, Span<int> into)
    {
        if (_time is null)
        {
            group.CopyTo(into);
            return group.Length;
        }
        try
        {
            return _microsTime ? VisibleMicros(group, parentRow, asOf, into) : VisibleBoxed(group, parentRow, asOf, into);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // A time DuckDB or another source can hold (year 10000, say) that no DateTime can: the query cannot tell
            // when that row became visible.
            throw new ChalkResolverException($"{TimeOrigin} holds a time outside .NET's DateTime range (years 1 to 9999), so " +
                "whether that row is visible at a query time is unknown; clamp or filter it in the SQL", inner: ex);
        }
    }

    private int VisibleMicros(ReadOnlySpan<int> group, int parentRow, ParentQueryTimes asOf, Span<int> into)
    {
        var time = (TimestampArray)_time!;
        var values = time.Values;
        bool nulls = time.NullCount > 0;
        bool known = false, raw = false;
        long limit = 0;
        int n = 0;
        foreach (int r in group)
        {
            if (nulls && time.IsNull(r)) continue;
            if (!known)
            {
                known = true;
                raw = asOf.TryMicros(parentRow, out limit);
            }
            long t = values[r];
            // Outside DateTime's range the conversion decides (and throws), as it did before the raw comparison.
            bool visible = raw && MicrosInRange(t) ? t <= limit : (DateTime)FeatureValues.Get(time, r, ScalarKind.DateTime)! <= asOf.At(parentRow);
            if (visible) into[n++] = r;
        }
        return n;
    }

    private int VisibleBoxed(ReadOnlySpan<int> group, int parentRow, ParentQueryTimes asOf, Span<int> into)
    {
        int n = 0;
        foreach (int r in group)
        {
            if (!_time!.IsNull(r) && (DateTime)FeatureValues.Get(_time, r, ScalarKind.DateTime)! <= asOf.At(parentRow)) into[n++] = r;
        }
        return n;
    }
}
