using Chalk.Expressions;
using Chalk.Sql.Translation;

namespace Chalk.Sql.Aggregation;

/// <summary>Translates expressions over the child rows into SQL over the joined child/key relation.</summary>
/// <remarks>
/// Every child column an aggregate reads is projected once, cast to the DuckDB type of its IR type, under an alias
/// (<c>__c0</c>, …); <see cref="AggregateExpr.AsOfColumn"/> reads the key row's as-of. Aliases keep the caller's
/// column names (whatever they contain) out of the generated expressions.
/// </remarks>
internal sealed class ChildScope(Func<string, string?> childColumn, IReadOnlyDictionary<string, ExprType>? keyColumns = null)
{
    public const string AsOf = "__asof";

    private readonly Dictionary<(string Sql, ExprType Type), string> _aliases = new();
    private readonly Dictionary<string, string> _keyAliases = new(StringComparer.Ordinal);

    /// <summary>The key-table columns read: alias and column name.</summary>
    public IEnumerable<(string Alias, string Column)> KeyColumns => _keyAliases.Select(k => (k.Value, k.Key));

    /// <summary>The projected child columns: alias, SQL column name and IR type.</summary>
    public IEnumerable<(string Alias, string Column, ExprType Type)> Columns => _aliases.Select(a => (a.Value, a.Key.Sql, a.Key.Type));

    /// <summary>The translation of <paramref name="expr"/>; refuses when a column is unknown or the translator refuses.</summary>
    public SqlTranslation Translate(Expr expr, string role)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in ColumnsOf(expr))
        {
            if (names.ContainsKey(column.Name)) continue;
            if (column.Name == AggregateExpr.AsOfColumn)
            {
                if (column.Type != ExprType.Timestamp) throw new AggregateRefusedException($"the {role} reads {AggregateExpr.AsOfColumn} as {column.Type.Name()}, but it is a timestamp");
                names[column.Name] = AsOf;
                continue;
            }
            if (keyColumns is not null && keyColumns.TryGetValue(column.Name, out var keyType))
            {
                if (keyType != column.Type) throw new AggregateRefusedException($"the {role} reads key column {column.Name} as {column.Type.Name()}, but it is {keyType.Name()}");
                if (!_keyAliases.TryGetValue(column.Name, out var keyAlias))
                    _keyAliases[column.Name] = keyAlias = "__k" + _keyAliases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names[column.Name] = keyAlias;
                continue;
            }
            var sql = childColumn(column.Name) ?? throw new AggregateRefusedException($"the {role} reads column `{column.Name}`, which the child rows do not provide");
            if (!_aliases.TryGetValue((sql, column.Type), out var alias))
            {
                alias = "__c" + _aliases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _aliases[(sql, column.Type)] = alias;
            }
            names[column.Name] = alias;
        }
        var tr = DuckDbSqlTranslator.Translate(expr, name => names[name]);
        if (!tr.Succeeded) throw new AggregateRefusedException($"the {role} has no faithful DuckDB form: {tr.FailureReason}");
        return tr;
    }

    private static IEnumerable<ColumnExpr> ColumnsOf(Expr expr)
    {
        if (expr is ColumnExpr c) yield return c;
        foreach (var child in expr.Children)
        {
            foreach (var inner in ColumnsOf(child)) yield return inner;
        }
    }
}
