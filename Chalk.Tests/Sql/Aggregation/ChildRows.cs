using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Sql.Aggregation;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>Random child rows ("reviews") of random parents, and key rows with as-of times, as .NET values and as Arrow tables.</summary>
/// <remarks>
/// Edge-heavy on purpose: nulls, NaN, ±∞, ±0, int/long extremes that overflow sums (also only in a running total),
/// duplicate ordering keys for ties, strings that would break interpolated SQL, child times exactly on the as-of and
/// on the 30-day window start, parents without children and children without parents.
/// </remarks>
internal sealed class ChildRows
{
    public const string Row = "review";
    public static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>The child columns: IR name suffix, IR type.</summary>
    public static readonly (string Name, ExprType Type)[] Columns =
    [
        ("i", ExprType.Int32), ("l", ExprType.Int64), ("d", ExprType.Float64), ("f", ExprType.Float32), ("s", ExprType.Utf8),
        ("b", ExprType.Bool), ("k", ExprType.Int32), ("t", ExprType.Timestamp), ("p", ExprType.Duration),
    ];

    // The last five order differently in a culture than by bytes, and tie there: "a\u00ADb" = "ab", "é" = "e\u0301".
    public static readonly string[] HostileStrings = ["'; DROP TABLE keys; --", "a'b", "\"x\"", "😀", "", "$1", "\\n", "ß", "ab", "a\u00ADb", "Ab", "é", "e\u0301"];

    private static readonly DateTime[] s_asOfs = [T0.AddDays(20), T0.AddDays(40), T0.AddDays(61).AddTicks(10)];

    /// <summary>Codes the culture orders exactly as their UTF-8 bytes (digits before capitals, prefixes first), so the
    /// statement's byte-ordered form answers for them.</summary>
    public static readonly string[] ByteOrderedStrings = ["", "0", "00", "07", "A", "A1", "A10", "A2", "AB-1", "AB-2", "B", "B0", "Z9", "ZZ"];

    public ChildRows(int seed, int parents = 40, int children = 700, string[]? strings = null)
    {
        strings ??= HostileStrings;
        var rnd = new Random(seed);
        var ids = Enumerable.Range(0, children).Select(i => (long)i * 3 - 1000).OrderBy(_ => rnd.Next()).ToArray();
        for (int c = 0; c < children; c++)
        {
            var asOf = s_asOfs[rnd.Next(s_asOfs.Length)];
            DateTime? t = rnd.Next(10) switch
            {
                0 => null,
                1 => asOf,
                2 => asOf - Window,
                3 => asOf - Window - TimeSpan.FromMicroseconds(1),
                _ => T0.AddMinutes(rnd.Next(0, 62 * 24 * 60)),
            };
            Children.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = ids[c],
                ["fk"] = rnd.Next(20) == 0 ? 1000 : rnd.Next(parents - 4),
                [Name("i")] = Pick(rnd, 0.15, () => rnd.Next(8) == 0 ? Choose(rnd, int.MaxValue, int.MinValue, 2_000_000_000, -2_000_000_000) : rnd.Next(-5, 6)),
                [Name("l")] = Pick(rnd, 0.15, () => rnd.Next(8) == 0 ? Choose(rnd, long.MaxValue, long.MinValue, 5_000_000_000_000_000_000, -5_000_000_000_000_000_000) : (long)rnd.Next(-5, 6)),
                [Name("d")] = Pick(rnd, 0.15, () => Choose(rnd, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, rnd.Next(-32, 33) / 4.0, rnd.Next(-32, 33) / 4.0, rnd.Next(-32, 33) / 4.0, rnd.Next(-32, 33) / 4.0, rnd.Next(-32, 33) / 4.0, rnd.Next(-32, 33) / 4.0, rnd.Next(-32, 33) / 4.0)),
                [Name("f")] = Pick(rnd, 0.15, () => Choose(rnd, float.NaN, float.PositiveInfinity, -0f, 0f, float.MaxValue, rnd.Next(-32, 33) / 4f, rnd.Next(-32, 33) / 4f, rnd.Next(-32, 33) / 4f, rnd.Next(-32, 33) / 4f, rnd.Next(-32, 33) / 4f)),
                [Name("s")] = Pick(rnd, 0.15, () => strings[rnd.Next(strings.Length)]),
                [Name("b")] = Pick(rnd, 0.2, () => rnd.Next(2) == 0),
                [Name("k")] = Pick(rnd, 0.15, () => rnd.Next(0, 4)),
                [Name("t")] = t,
                [Name("p")] = Pick(rnd, 0.15, () => TimeSpan.FromMicroseconds(rnd.Next(-3, 4) * 1_000_000L)),
            });
        }
        for (int parent = 0; parent < parents; parent++)
        {
            foreach (var asOf in s_asOfs.Where(_ => rnd.Next(3) > 0)) Keys.Add((Keys.Count, parent, asOf));
        }
        Keys.Add((Keys.Count, 999_999, s_asOfs[0]));
        Keys = Keys.OrderBy(_ => rnd.Next()).Select((k, i) => (i, k.Key, k.AsOf)).ToList();
    }

    public List<Dictionary<string, object?>> Children { get; } = [];

    public List<(int Row, int Key, DateTime AsOf)> Keys { get; } = [];

    public static string Name(string column) => Row + "." + column;

    public static ColumnExpr Col(string column) => Expr.Col(Name(column), Columns.Single(c => c.Name == column).Type, nullable: true);

    /// <summary>The SQL column of an IR column, as the engine would map it; null for unknown columns.</summary>
    public static string? SqlColumn(string irName)
        => irName.StartsWith(Row + ".", StringComparison.Ordinal) && Columns.Any(c => Name(c.Name) == irName) ? irName[(Row.Length + 1)..] : null;

    /// <summary>The rows LINQ sees for a key row: its children visible at its as-of, in primary-key order.</summary>
    public List<Dictionary<string, object?>> Visible(int key, DateTime asOf)
        => Children.Where(c => (int)c["fk"]! == key && c[Name("t")] is DateTime t && t <= asOf).OrderBy(c => (long)c["id"]!).ToList();

    public AggregateSqlRequest Request(IReadOnlyList<AggregateExpr> aggregates, string childTable = "reviews", string keysTable = "keys")
        => new($"select * from {childTable}", "fk", "id", "t", SqlColumn, keysTable, aggregates);

    public RecordBatch ChildTable()
    {
        var arrays = new List<(string Name, IArrowArray Array)>
        {
            ("id", Build(ExprType.Int64, Children.Select(c => c["id"]))),
            ("fk", Build(ExprType.Int32, Children.Select(c => c["fk"]))),
        };
        arrays.AddRange(Columns.Select(col => (col.Name, Build(col.Type, Children.Select(c => c[Name(col.Name)])))));
        return Batch(arrays);
    }

    public RecordBatch KeysTable() => Batch(
    [
        (AggregateSql.RowColumn, Build(ExprType.Int32, Keys.Select(k => (object?)k.Row))),
        (AggregateSql.KeyColumn, Build(ExprType.Int32, Keys.Select(k => (object?)k.Key))),
        (AggregateSql.AsOfColumn, Build(ExprType.Timestamp, Keys.Select(k => (object?)k.AsOf))),
    ]);

    public static RecordBatch Batch(IReadOnlyList<(string Name, IArrowArray Array)> columns)
        => new(new Schema(columns.Select(c => new Field(c.Name, c.Array.Data.DataType, true)), null), columns.Select(c => c.Array), columns[0].Array.Length);

    public static IArrowArray Build(ExprType type, IEnumerable<object?> values) => Chalk.Expressions.ArrowValues.BuildArray(type, values.ToArray());

    private static object? Pick(Random rnd, double nullChance, Func<object> value) => rnd.NextDouble() < nullChance ? null : value();

    private static object Choose(Random rnd, params object[] values) => values[rnd.Next(values.Length)];
}
