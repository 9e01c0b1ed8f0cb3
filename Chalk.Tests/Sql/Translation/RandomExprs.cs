using Chalk.Expressions;

namespace Chalk.Tests.Sql.Translation;

/// <summary>Random typed IR trees over <see cref="DuckDbHarness.Columns"/> and random rows full of edge values.</summary>
internal sealed class RandomExprs(int seed)
{
    private static readonly ExprType[] s_types = [ExprType.Bool, ExprType.Int32, ExprType.Int64, ExprType.Float32, ExprType.Float64, ExprType.Utf8, ExprType.Timestamp, ExprType.Duration];

    private static readonly object[] s_ints = [0, 1, -1, 2, -2, 3, 7, -7, 10, 100, int.MaxValue, int.MinValue, int.MaxValue - 1, int.MinValue + 1, 65536, 46341];
    private static readonly object[] s_longs = [0L, 1L, -1L, 2L, -3L, 7L, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 1L << 32, 3037000500L, int.MaxValue + 1L];
    private static readonly object[] s_floats = [0f, -0f, 1f, -1f, 0.5f, 1.5f, 2.5f, -2.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, float.Epsilon, 3e9f, -3e9f, 1e19f, 0.1f, 16777217f];
    private static readonly object[] s_doubles = [0d, -0d, 1d, -1d, 0.5, 1.5, 2.5, -2.5, -0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, 3e9, -3e9, 1e19, -1e19, 9.2233720368547758e18, 0.1, 1e300, 3.4028235677973366e38, 2147483647.5, -2147483648.5, 4503599627370497d];
    private static readonly object[] s_strings = ["", "a", "abc", "ABC", "Hello World", " padded ", "\t\n x\u3000", "\u00a0", "a'b", "ÄÖÜß", "straße", "İı", "😀x", "x😀😀", "é", "ab", "b", "abcabc"];
    private static readonly object[] s_times =
    [
        new DateTime(2024, 1, 7), new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(9_999_990), new DateTime(1970, 1, 1), new DateTime(1, 1, 1),
        new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990), new DateTime(2000, 12, 31, 12, 30, 15).AddTicks(1230),
    ];

    private static readonly object[] s_durations =
    [
        TimeSpan.Zero, TimeSpan.FromDays(1), TimeSpan.FromMicroseconds(-1), TimeSpan.FromDays(-36500), TimeSpan.FromDays(3_000_000),
        TimeSpan.FromTicks(TimeSpan.MaxValue.Ticks / 10 * 10 - 10), TimeSpan.FromTicks(TimeSpan.MinValue.Ticks / 10 * 10 + 10),
        TimeSpan.FromTicks(TimeSpan.MaxValue.Ticks / 20 * 10), TimeSpan.FromHours(1.5),
    ];

    private readonly Random _rng = new(seed);

    public List<Dictionary<string, object?>> Rows(int count)
    {
        var rows = new List<Dictionary<string, object?>>();
        for (int r = 0; r < count; r++)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, type) in DuckDbHarness.Columns) row[name] = _rng.Next(8) == 0 ? null : Value(type);
            rows.Add(row);
        }
        return rows;
    }

    private object Value(ExprType type) => type switch
    {
        ExprType.Bool => _rng.Next(2) == 0,
        ExprType.Int32 => _rng.Next(3) == 0 ? _rng.Next(-1000, 1000) : Pick(s_ints),
        ExprType.Int64 => _rng.Next(3) == 0 ? _rng.NextInt64(long.MinValue, long.MaxValue) : Pick(s_longs),
        ExprType.Float32 => _rng.Next(3) == 0 ? (float)((_rng.NextDouble() - 0.5) * 200) : Pick(s_floats),
        ExprType.Float64 => _rng.Next(3) == 0 ? (_rng.NextDouble() - 0.5) * Math.Pow(10, _rng.Next(-5, 20)) : Pick(s_doubles),
        ExprType.Utf8 => Pick(s_strings),
        ExprType.Timestamp => _rng.Next(2) == 0 ? Pick(s_times) : new DateTime(_rng.NextInt64(0, DateTime.MaxValue.Ticks) / 10 * 10),
        ExprType.Duration => _rng.Next(2) == 0 ? Pick(s_durations) : TimeSpan.FromTicks(_rng.NextInt64(-10_000_000_000_000_000, 10_000_000_000_000_000) / 10 * 10),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private object Pick(object[] values) => values[_rng.Next(values.Length)];

    public Expr Expr(int depth) => Gen(s_types[_rng.Next(s_types.Length)], depth);

    public Expr Gen(ExprType type, int depth)
    {
        if (depth <= 0 || _rng.Next(6) == 0) return Leaf(type);
        int choice = _rng.Next(20);
        if (choice == 0) return Chalk.Expressions.Expr.If(Gen(ExprType.Bool, depth - 1), Gen(type, depth - 1), Gen(type, depth - 1));
        if (choice == 1) return Chalk.Expressions.Expr.Coalesce(Gen(type, depth - 1), Gen(type, depth - 1));
        if (choice == 2 && type == ExprType.Bool) return Chalk.Expressions.Expr.IsNull(Gen(s_types[_rng.Next(s_types.Length)], depth - 1));
        if (choice == 3 && type.IsNumeric()) return Chalk.Expressions.Expr.Cast(Gen(s_types[1 + _rng.Next(4)], depth - 1), type);
        if (choice == 4 && _rng.Next(4) == 0) return Chalk.Expressions.Expr.Error("custom failure", type);
        var candidates = FunctionRegistry.All
            .SelectMany(f => f.Signatures.Select(s => (f, s)))
            .Where(x => x.s.Result == type)
            .ToList();
        if (candidates.Count == 0) return Leaf(type);
        var (fn, sig) = candidates[_rng.Next(candidates.Count)];
        var args = sig.Args.Select(a => Gen(a, depth - 1)).ToArray();
        return Chalk.Expressions.Expr.Call(fn.Name, args);
    }

    private Expr Leaf(ExprType type)
    {
        if (_rng.Next(3) > 0)
        {
            var cols = DuckDbHarness.Columns.Where(c => c.Type == type).ToArray();
            var (name, t) = cols[_rng.Next(cols.Length)];
            return Chalk.Expressions.Expr.Col(name, t, nullable: true);
        }
        return _rng.Next(10) == 0 ? Chalk.Expressions.Expr.Null(type) : Chalk.Expressions.Expr.Lit(Value(type), type);
    }
}
