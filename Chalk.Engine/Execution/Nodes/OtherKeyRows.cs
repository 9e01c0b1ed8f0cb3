using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Resolvers;

namespace Chalk.Execution.Nodes;

/// <summary>The result rows of a placeholder file that answer another text key than the one they were asked for.</summary>
/// <remarks>A file's own <c>where sign = ${call_sign.sign}</c> compares with the column's collation, and a DuckDB or
/// PostgreSQL column declared case-insensitive finds <c>ab1cd</c> for <c>AB1CD</c>; neither lets the engine put an exact
/// collation on the parameter. When the file also selects the placeholder's feature, the row says which key it belongs
/// to, and a row whose key differs from the asked one (ordinal, as keys compare everywhere else) is not that key's row.</remarks>
internal static class OtherKeyRows
{
    /// <summary>Per result row, whether it belongs to another key than its parameter row's; null when none does or the
    /// file selects none of its text placeholders' features.</summary>
    public static bool[]? Of(SqlResolverDefinition resolver, RecordBatch parameters, SqlResultColumns columns)
    {
        bool[]? other = null;
        for (int p = 0; p < resolver.Placeholders.Count && p < parameters.ColumnCount; p++)
        {
            var placeholder = resolver.Placeholders[p];
            if (placeholder.Steps.Count != 1 || placeholder.Feature.Type?.Kind != ScalarKind.String) continue;
            var echo = resolver.Columns.FirstOrDefault(c => c.Feature == placeholder.Feature);
            if (echo is null || columns.Raw(echo.Column) is not StringArray answered || parameters.Column(p) is not StringArray asked) continue;
            for (int r = 0; r < columns.RowCount; r++)
            {
                int k = columns.ParameterRow[r];
                if (answered.IsNull(r) || asked.IsNull(k)) continue;
                if (!answered.GetBytes(r).SequenceEqual(asked.GetBytes(k))) (other ??= new bool[columns.RowCount])[r] = true;
            }
        }
        return other;
    }
}
