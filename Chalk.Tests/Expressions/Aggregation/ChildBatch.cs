using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions.Aggregation;

/// <summary>
/// A random child batch for aggregation tests: typed columns with ties, edge values and (optionally) nulls, a unique
/// primary key, the parent's as-of time per row, rows shuffled, some rows dropped (parent -1), some parents childless.
/// </summary>
internal sealed class ChildBatch
{
    public const string Key = "review.id";

    private static readonly double[] s_doubles = [0.0, -0.0, 1.5, -1.5, 2.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 0.1, 0.2, 0.3, 1e-300];
    private static readonly string[] s_strings = ["", "a", "A", "ab", "b", "B", "é", "e\u0301", "a\u00ADb", "ß", "ss", "\uE000", "\uFFFD", "😀", "😀a", "a😀", "\uD7FF", "zz"];
    private static readonly int[] s_bigInts = [int.MaxValue, int.MinValue, int.MaxValue - 1, 2_000_000_000, -2_000_000_000];
    private static readonly long[] s_bigLongs = [long.MaxValue, long.MinValue, long.MaxValue / 2 + 1, long.MinValue / 2, 4_000_000_000_000_000_000];

    public ChildBatch(Random rng, int children, int parents, bool nullable, ExprType keyType)
    {
        Parents = parents;
        Nullable = nullable;
        ParentOfChild = new int[children];
        for (int i = 0; i < children; i++) ParentOfChild[i] = parents == 0 || rng.Next(20) == 0 ? -1 : rng.Next(parents);
        var parentAsOf = Enumerable.Range(0, parents).Select(_ => Time(rng)).ToArray();
        var columns = new List<(string, IArrowArray)>
        {
            (Key, ArrowValues.BuildArray(keyType, UniqueKeys(rng, keyType, children))),
            (AggregateExpr.AsOfColumn, ArrowValues.BuildArray(ExprType.Timestamp,
                ParentOfChild.Select(p => (object?)(p >= 0 ? parentAsOf[p] : Time(rng))).ToArray())),
            ("review.j", Build(rng, ExprType.Int32, children, false, () => rng.Next(25) == 0 ? 0 : rng.Next(1, 4))),
        };
        foreach (var (name, type) in ValueColumns) columns.Add((name, Build(rng, type, children, nullable, () => Value(rng, type))));
        Batch = TestData.Batch(columns);
    }

    /// <summary>The value columns, one per IR type (the divisor <c>review.j</c> is extra and never null).</summary>
    public static readonly (string Name, ExprType Type)[] ValueColumns =
    [
        ("review.i", ExprType.Int32), ("review.l", ExprType.Int64), ("review.f", ExprType.Float32), ("review.d", ExprType.Float64),
        ("review.s", ExprType.Utf8), ("review.t", ExprType.Timestamp), ("review.u", ExprType.Duration), ("review.b", ExprType.Bool),
    ];

    public int Parents { get; }

    public bool Nullable { get; }

    public int[] ParentOfChild { get; }

    public RecordBatch Batch { get; }

    /// <summary>The batch's values boxed by column name, for the row-by-row reference.</summary>
    public Dictionary<string, object?[]> Boxed => _boxed ??= Enumerable.Range(0, Batch.ColumnCount).ToDictionary(
        i => Batch.Schema.GetFieldByIndex(i).Name,
        i => Enumerable.Range(0, Batch.Length).Select(r => ArrowValues.GetValue(Batch.Column(i), r)).ToArray());

    private Dictionary<string, object?[]>? _boxed;

    public Expr Column(ExprType type) => Expr.Col(ValueColumns.Single(c => c.Type == type).Name, type, Nullable);

    public static Expr Divisor => Expr.Col("review.j", ExprType.Int32);

    public static Expr AsOf => Expr.Col(AggregateExpr.AsOfColumn, ExprType.Timestamp);

    private static IArrowArray Build(Random rng, ExprType type, int n, bool nullable, Func<object?> next)
        => ArrowValues.BuildArray(type, Enumerable.Range(0, n).Select(_ => nullable && rng.Next(4) == 0 ? null : next()).ToArray());

    private static object Value(Random rng, ExprType type) => type switch
    {
        ExprType.Int32 => rng.Next(8) == 0 ? s_bigInts[rng.Next(s_bigInts.Length)] : rng.Next(-3, 6),
        ExprType.Int64 => rng.Next(8) == 0 ? s_bigLongs[rng.Next(s_bigLongs.Length)] : (long)rng.Next(-3, 6),
        ExprType.Float32 => (float)(rng.Next(3) == 0 ? s_doubles[rng.Next(s_doubles.Length)] : rng.Next(-4, 5) / 4.0),
        ExprType.Float64 => rng.Next(2) == 0 ? s_doubles[rng.Next(s_doubles.Length)] : Math.Round(rng.NextDouble() * 10 - 5, 1),
        ExprType.Utf8 => s_strings[rng.Next(s_strings.Length)],
        ExprType.Timestamp => Time(rng),
        ExprType.Duration => TimeSpan.FromDays(rng.Next(-3, 4)),
        _ => rng.Next(2) == 0,
    };

    private static DateTime Time(Random rng) => new DateTime(2024, 1, 1).AddDays(rng.Next(0, 60));

    private static object?[] UniqueKeys(Random rng, ExprType type, int n)
    {
        // Distinct numbers in random order; strings of mixed lengths so ordinal order differs from numeric order.
        var numbers = Enumerable.Range(0, n).Select(i => i * 3 + rng.Next(3)).OrderBy(_ => rng.Next()).ToArray();
        return numbers.Select(k => (object?)(type switch
        {
            ExprType.Int32 => k - n,
            ExprType.Utf8 => "k" + k.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ExprType.Timestamp => new DateTime(2020, 1, 1).AddSeconds(k),
            _ => (long)k * 1_000_003 - 7,
        })).ToArray();
    }
}
