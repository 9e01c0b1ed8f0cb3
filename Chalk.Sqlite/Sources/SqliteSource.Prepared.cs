using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Chalk.Sql.Sources;

public sealed partial class SqliteSource
{
    private sealed class PooledConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteStatement> _prepared = new(StringComparer.Ordinal);

        public SqliteConnection Connection { get; } = connection;

        public SqliteStatement Prepare(SqlQuery query, TimeSpan timeout)
        {
            if (_prepared.TryGetValue(query.Id, out var prepared)) return prepared;
            // Whole seconds, rounded up, as Microsoft.Data.Sqlite's CommandTimeout took them.
            var wait = TimeSpan.FromSeconds(Math.Ceiling(timeout.TotalSeconds));
            prepared = SqliteStatement.Prepare(Connection, query.Template.Render(BinarySlot), query.Template.ParameterCount, Slot, wait);
            _prepared[query.Id] = prepared;
            return prepared;
        }

        public void Dispose()
        {
            // Statements first: a connection closes only once every statement on it is finalized.
            foreach (var p in _prepared.Values) p.Dispose();
            Connection.Dispose();
        }
    }

    private static string Slot(int index) => "$p" + (index + 1).ToString(CultureInfo.InvariantCulture);

    // A parameter with an explicit BINARY collation: SQLite compares with an operand's explicit COLLATE before a
    // column's declared one, so a key finds only its own rows byte for byte, even in a COLLATE NOCASE column
    // (where 'AB1CD' = 'ab1cd'). The collation touches text comparisons only; numbers bind and compare as before.
    private static string BinarySlot(int index) => "(" + Slot(index) + " COLLATE BINARY)";
}
