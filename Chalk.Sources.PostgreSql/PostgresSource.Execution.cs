using System.Globalization;
using System.Text;
using Apache.Arrow;
using Chalk.Sql.Arrow;
using Npgsql;
using Chalk.Expressions;

namespace Chalk.Sql.Sources;

public sealed partial class PostgresSource
{
    private const string KeyAlias = "__chalk_k";
    private const string OrdinalColumn = "__chalk_ord";

    private static void BindSingle(NpgsqlCommand command, SqlQuery query, RecordBatch? parameters)
    {
        command.CommandText = query.Template.Render(i => "$" + (i + 1).ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < query.Template.ParameterCount; i++)
        {
            var value = parameters is null ? null : ArrowValues.Get(parameters.Column(i), 0);
            command.Parameters.Add(new NpgsqlParameter
            {
                NpgsqlDbType = PostgresTypes.ParameterType(query.ParameterTypes[i]),
                Value = PostgresTypes.ToParameter(value) ?? DBNull.Value,
            });
        }
    }

    private static void BindUnnest(NpgsqlCommand command, SqlQuery query, RecordBatch parameters)
    {
        int slots = query.Template.ParameterCount;
        var sql = new StringBuilder();
        sql.Append("select (").Append(KeyAlias).Append('.').Append(OrdinalColumn).Append(" - 1)::int4 as ").Append(SqlResult.RowColumn)
           .Append(", q.* from unnest(");
        for (int i = 0; i < slots; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append('$').Append(i + 1).Append("::").Append(PostgresTypes.SqlName(query.ParameterTypes[i])).Append("[]");
            command.Parameters.Add(new NpgsqlParameter
            {
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | PostgresTypes.ParameterType(query.ParameterTypes[i]),
                Value = PostgresTypes.ToArray(parameters.Column(i), parameters.Length),
            });
        }
        sql.Append(") with ordinality as ").Append(KeyAlias).Append('(');
        for (int i = 0; i < slots; i++) sql.Append('p').Append(i + 1).Append(", ");
        sql.Append(OrdinalColumn).Append(") cross join lateral (\n");
        // The resolver's own text may end in a line comment or a semicolon; neither may swallow the closing parenthesis.
        var inner = SqlStatementText.TrimTerminator(query.Template.Render(i => KeyAlias + ".p" + (i + 1).ToString(CultureInfo.InvariantCulture)));
        // Sorting by the ordinal groups result rows by parameter row. When the resolver has its own ORDER BY the
        // subquery cannot be flattened, the nested loop already emits rows in (ordinal, inner order), and
        // PostgreSQL's sort returns presorted input unchanged, so the resolver's order within a row survives.
        sql.Append(inner).Append("\n) as q order by ").Append(KeyAlias).Append('.').Append(OrdinalColumn);
        command.CommandText = sql.ToString();
    }

    private async Task<SqlResult> ReadAsync(NpgsqlDataReader reader, SqlQuery query, bool rowIndexInResult, CancellationToken cancellationToken)
    {
        int first = rowIndexInResult ? 1 : 0;
        int count = reader.FieldCount - first;
        var names = new string[count];
        var types = new Apache.Arrow.Types.IArrowType[count];
        var reads = new PostgresRead[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = reader.GetName(i + first);
            types[i] = PostgresTypes.ArrowTypeOf(query, _display, names[i], reader.GetDataTypeName(i + first));
            reads[i] = PostgresCells.ReadOf(reader.GetDataTypeName(i + first));
        }
        var builder = new ResultBatchBuilder(names, types);
        int column = 0;
        try
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                builder.BeginRow(rowIndexInResult ? reader.GetInt32(0) : 0);
                for (column = 0; column < count; column++) PostgresCells.Append(reader, column + first, reads[column], builder.Column(column));
            }
        }
        catch (InvalidCastException ex)
        {
            builder.Abandon();
            throw SourceErrors.BadValue(query, _display, names[column], reader.GetDataTypeName(column + first), ex);
        }
        catch
        {
            builder.Abandon();
            throw;
        }
        return builder.Build();
    }
}
