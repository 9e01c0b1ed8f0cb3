using System.Globalization;
using Apache.Arrow;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Chalk.Expressions;

namespace Chalk.Sql.Sources;

public sealed partial class SqliteSource
{
    private sealed class PooledConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, PreparedQuery> _prepared = new(StringComparer.Ordinal);

        public SqliteConnection Connection { get; } = connection;

        public PreparedQuery Prepare(SqlQuery query, TimeSpan timeout)
        {
            if (_prepared.TryGetValue(query.Id, out var prepared)) return prepared;
            var text = query.Template.Render(Slot);
            var columns = DeclaredColumns(text);
            var command = Connection.CreateCommand();
            command.CommandText = text;
            command.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
            var slots = new SqliteParameter[query.Template.ParameterCount];
            for (int i = 0; i < slots.Length; i++) slots[i] = command.Parameters.Add(new SqliteParameter(Slot(i), DBNull.Value));
            command.Prepare();
            prepared = new PreparedQuery(command, slots, columns);
            _prepared[query.Id] = prepared;
            return prepared;
        }

        public void Dispose()
        {
            foreach (var p in _prepared.Values) p.Command.Dispose();
            Connection.Dispose();
        }

        // Microsoft.Data.Sqlite reports a value's storage class where no type was declared, so the declared
        // types come from SQLite itself, from a statement compiled but never stepped.
        private IReadOnlyList<SqliteColumn> DeclaredColumns(string text)
        {
            var db = Connection.Handle!;
            int rc = raw.sqlite3_prepare_v2(db, text, out sqlite3_stmt statement, out string tail);
            using (statement)
            {
                if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
                if (!string.IsNullOrWhiteSpace(tail) && !tail.TrimStart().StartsWith(';'))
                    throw new SqliteException("a resolver must be a single statement; found more after the first: " + tail.Trim(), raw.SQLITE_MISUSE);
                int count = raw.sqlite3_column_count(statement);
                var columns = new SqliteColumn[count];
                for (int i = 0; i < count; i++)
                {
                    string name = raw.sqlite3_column_name(statement, i).utf8_to_string();
                    string? declared = raw.sqlite3_column_decltype(statement, i).utf8_to_string();
                    columns[i] = new SqliteColumn(name, declared, SqliteTypes.FromDeclared(declared));
                }
                return columns;
            }
        }
    }

    private static string Slot(int index) => "$p" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private sealed record PreparedQuery(SqliteCommand Command, SqliteParameter[] Slots, IReadOnlyList<SqliteColumn> Columns)
    {
        public Schema? DeclaredSchema { get; } = SqliteTypes.DeclaredResultSchema(Columns);

        public void Bind(RecordBatch parameters, int row)
        {
            for (int i = 0; i < Slots.Length; i++)
                Slots[i].Value = ToSqlite(ArrowValues.Get(parameters.Column(i), row));
        }

        private static object ToSqlite(object? value) => value switch
        {
            null => DBNull.Value,
            bool b => b ? 1L : 0L,
            int i => (long)i,
            float f => (double)f,
            DateTime t => SqliteTypes.FormatTimestamp(t),
            TimeSpan => throw new NotSupportedException("SQLite has no interval type; bind a duration as a number of seconds"),
            _ => value,
        };
    }
}
