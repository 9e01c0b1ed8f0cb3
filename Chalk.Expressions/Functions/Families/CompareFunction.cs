namespace Chalk.Expressions.Functions;

/// <summary>A comparison with C#'s lifted semantics: a null operand makes <c>&lt; &lt;= &gt; &gt;=</c> false; the result is never null.</summary>
/// <remarks><c>==</c> of two nulls is true and <c>!=</c> of null and a value is true (see the eq / ne overrides). NaN compares false except with <c>!=</c>.</remarks>
internal abstract class CompareFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_ordered =
        [.. new[] { ExprType.Int32, ExprType.Int64, ExprType.Float32, ExprType.Float64, ExprType.Timestamp, ExprType.Duration }
            .Select(t => new FunctionSignature(ExprType.Bool, t, t))];

    private static readonly FunctionSignature[] s_equality =
        [.. s_ordered, new FunctionSignature(ExprType.Bool, ExprType.Bool, ExprType.Bool), new FunctionSignature(ExprType.Bool, ExprType.Utf8, ExprType.Utf8)];

    protected virtual bool IsEquality => false;

    /// <summary>The operator <paramref name="name"/> (<c>op_LessThan</c>) of <see cref="DateTime"/> and <see cref="TimeSpan"/>, and of <see cref="string"/> when <paramref name="withString"/>.</summary>
    protected static IEnumerable<ClrMember> ComparisonOperators(string name, bool withString)
    {
        if (withString) yield return ClrMember.Method(typeof(string), name, typeof(string), typeof(string));
        yield return ClrMember.Method(typeof(DateTime), name, typeof(DateTime), typeof(DateTime));
        yield return ClrMember.Method(typeof(TimeSpan), name, typeof(TimeSpan), typeof(TimeSpan));
    }

    public override IReadOnlyList<FunctionSignature> Signatures => IsEquality ? s_equality : s_ordered;

    public override NullHandling NullHandling => NullHandling.Custom;

    public override bool IsResultNullable(IReadOnlyList<Expr> args) => false;

    /// <summary>The result when at least one operand is null.</summary>
    public abstract bool WithNull(bool leftNull, bool rightNull);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature)
    {
        if (args[0] is null || args[1] is null) return WithNull(args[0] is null, args[1] is null);
        return args[0] switch
        {
            int a => Compare(a, (int)args[1]!),
            long a => Compare(a, (long)args[1]!),
            float a => Compare(a, (float)args[1]!),
            double a => Compare(a, (double)args[1]!),
            DateTime a => Compare(a.Ticks, ((DateTime)args[1]!).Ticks),
            TimeSpan a => Compare(a.Ticks, ((TimeSpan)args[1]!).Ticks),
            bool a => CompareBool(a, (bool)args[1]!),
            string a => CompareString(a, (string)args[1]!),
            _ => throw new ChalkInternalException($"{Name}: unexpected {args[0]?.GetType().Name}"),
        };
    }

    protected abstract bool Compare<T>(T a, T b) where T : System.Numerics.IComparisonOperators<T, T, bool>;

    protected virtual bool CompareBool(bool a, bool b) => throw new ChalkInternalException($"{Name} on bool");

    protected virtual bool CompareString(string a, string b) => throw new ChalkInternalException($"{Name} on utf8");

    /// <summary>DuckDB's form of an ordering comparison: false when either operand is null or NaN.</summary>
    protected static SqlForm DuckDbOrdering(string op) =>
        new(SqlDialect.DuckDb, c => new SqlText($"coalesce({DuckDbSql.Cmp(c.ArgType(0), c.Arg(0), op, c.Arg(1))}, false)", MayBeNull: false));

    /// <summary>
    /// PostgreSQL's form of the six comparisons. Strings compare for equality under <c>COLLATE "C"</c>, byte for byte as
    /// C#'s ordinal <c>==</c>, whatever the column's collation; ordering strings is refused (PostgreSQL orders by
    /// collation or bytes, C# by UTF-16 code units). PostgreSQL orders NaN above every number and equal to itself, so
    /// float comparisons test for NaN first.
    /// </summary>
    protected static readonly SqlForm PostgresComparison = new(SqlDialect.PostgreSql, static c =>
    {
        string name = c.Call.Name, x = c.Arg(0), y = c.Arg(1);
        var type = c.ArgType(0);
        if (c.ArgType(1) != type) throw c.Refuse($"`{name}` compares {type.Name()} with {c.ArgType(1).Name()}");
        if (type == ExprType.Utf8)
        {
            if (name is not ("eq" or "ne"))
                throw c.Refuse($"`{name}` orders strings: PostgreSQL orders by collation or bytes, C# by UTF-16 code units");
            x = $"({x} COLLATE \"C\")";
            y = $"({y} COLLATE \"C\")";
        }
        string op = name switch { "eq" => "=", "ne" => "<>", "lt" => "<", "le" => "<=", "gt" => ">", _ => ">=" };
        // C#'s lifted comparisons never give null: eq(null, null) is true, ne(null, x) true, ordering with null false.
        string present = name switch
        {
            "eq" => $"({x} IS NOT DISTINCT FROM {y})",
            "ne" => $"({x} IS DISTINCT FROM {y})",
            _ => $"coalesce({x} {op} {y}, false)",
        };
        if (type != ExprType.Float64) return new SqlText(present, MayBeNull: false);
        string nan = c.Double(double.NaN);
        return new SqlText($"(CASE WHEN {x} = {nan} OR {y} = {nan} THEN {(name == "ne" ? "true" : "false")} ELSE {present} END)", MayBeNull: false);
    });
}
