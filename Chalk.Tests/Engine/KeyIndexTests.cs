using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Execution.Nodes;

namespace Chalk.Tests.Engine;

/// <summary><see cref="KeyIndex"/> against LINQ's distinct over the same key values: every key type, composite keys, nulls.</summary>
public class KeyIndexTests
{
    private static readonly TimestampType Micros = new(TimeUnit.Microsecond, (string?)null);

    [Test]
    public void Time_stamps_a_millisecond_apart_are_different_keys()
    {
        var t = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var column = new TimestampArray.Builder(Micros).Append(t).Append(t.AddMilliseconds(1)).Append(t).Append(t.AddTicks(10)).Build();
        var index = KeyIndex.Build(Batch(column), [new FeatureType(ScalarKind.DateTime, true)]);
        Assert.Multiple(() =>
        {
            Assert.That(index.KeyOfRow, Is.EqualTo(new[] { 0, 1, 0, 2 }));
            Assert.That(index.FirstRowOfKey, Is.EqualTo(new[] { 0, 1, 3 }));
        });
    }

    [Test]
    public void Random_composite_keys_match_linq_distinct([Values(1, 2, 3)] int seed)
    {
        var rnd = new Random(seed);
        const int n = 3000;
        var strings = new StringArray.Builder();
        var ints = new Int32Array.Builder();
        var doubles = new DoubleArray.Builder();
        var times = new TimestampArray.Builder(Micros);
        var expected = new List<(string?, int?, double?, DateTimeOffset?)>();
        double[] specials = [double.NaN, 0.0, -0.0, double.PositiveInfinity, 1.5];
        for (int r = 0; r < n; r++)
        {
            string? s = rnd.Next(40) == 0 ? null : "k" + rnd.Next(4);
            int? i = rnd.Next(40) == 0 ? null : rnd.Next(3);
            double? d = rnd.Next(40) == 0 ? null : specials[rnd.Next(specials.Length)];
            DateTimeOffset? t = rnd.Next(40) == 0 ? null : new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(rnd.Next(3) * 10);
            if (s is null) strings.AppendNull(); else strings.Append(s);
            if (i is null) ints.AppendNull(); else ints.Append(i.Value);
            if (d is null) doubles.AppendNull(); else doubles.Append(d.Value);
            if (t is null) times.AppendNull(); else times.Append(t.Value);
            expected.Add((s, i, d, t));
        }
        var index = KeyIndex.Build(Batch(strings.Build(), ints.Build(), doubles.Build(), times.Build()),
            [new(ScalarKind.String, true), new(ScalarKind.Int32, true), new(ScalarKind.Float64, true), new(ScalarKind.DateTime, true)]);
        // The oracle: .NET equality of the tuples (NaN equals NaN, 0.0 equals -0.0), numbered in order of first appearance.
        var ids = new Dictionary<(string?, int?, double?, DateTimeOffset?), int>();
        var firsts = new List<int>();
        for (int r = 0; r < n; r++)
        {
            var k = expected[r];
            bool anyNull = k.Item1 is null || k.Item2 is null || k.Item3 is null || k.Item4 is null;
            int want = anyNull ? -1 : ids.TryGetValue(k, out int id) ? id : ids[k] = AddFirst(firsts, r);
            Assert.That(index.KeyOfRow[r], Is.EqualTo(want), $"row {r}: {k}");
        }
        Assert.That(index.FirstRowOfKey, Is.EqualTo(firsts));
    }

    private static int AddFirst(List<int> firsts, int row)
    {
        firsts.Add(row);
        return firsts.Count - 1;
    }

    private static RecordBatch Batch(params IArrowArray[] columns)
        => new(new Schema(columns.Select((c, i) => new Field("k" + i, c.Data.DataType, true)), null), columns, columns[0].Length);
}
