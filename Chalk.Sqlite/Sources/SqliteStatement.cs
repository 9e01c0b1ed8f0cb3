using System.Diagnostics;
using System.Globalization;
using System.Text;
using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Sql.Arrow;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Chalk.Sql.Sources;

/// <summary>A resolver's statement prepared once on one pooled connection, stepped through SQLite's own API.</summary>
/// <remarks>
/// Microsoft.Data.Sqlite's reader hands out values as objects or through getters that each check the reader's state
/// and the value's storage class again; a fetch of child rows reads hundreds of thousands of cells, so the source
/// reads each cell's storage class once and its value with the matching typed call (<see cref="SqliteCells"/>).
/// The connection (opening, pooling, transactions) stays Microsoft.Data.Sqlite's; this copies only how its reader
/// steps: a first step that finds the database locked is retried every 150 ms until the command timeout, and any
/// other result code becomes a <see cref="SqliteException"/>.
/// </remarks>
internal sealed class SqliteStatement : IDisposable
{
    private const int BusyRetryMilliseconds = 150;

    private readonly sqlite3 _db;
    private readonly int[] _slotIndex;
    private readonly TimeSpan _timeout;

    private SqliteStatement(sqlite3 db, sqlite3_stmt handle, int[] slotIndex, IReadOnlyList<SqliteColumn> columns, TimeSpan timeout)
    {
        _db = db;
        Handle = handle;
        _slotIndex = slotIndex;
        Columns = columns;
        DeclaredSchema = SqliteTypes.DeclaredResultSchema(columns);
        _timeout = timeout;
    }

    /// <summary>The prepared statement.</summary>
    public sqlite3_stmt Handle { get; }

    /// <summary>The result columns with their declared types.</summary>
    public IReadOnlyList<SqliteColumn> Columns { get; }

    /// <summary>The result schema (with the row column) when every column's type is declared, else <see langword="null"/>.</summary>
    public Schema? DeclaredSchema { get; }

    /// <summary>Prepares <paramref name="text"/>, whose parameters are named by <paramref name="slot"/>.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="text">One statement.</param>
    /// <param name="slots">The number of parameter slots.</param>
    /// <param name="slot">The name of slot <c>i</c> in <paramref name="text"/>, e.g. <c>$p1</c>.</param>
    /// <param name="timeout">How long the first step may wait for a locked database; zero waits forever.</param>
    /// <exception cref="SqliteException">The statement does not compile, is more than one statement, or names a
    /// parameter that is no slot.</exception>
    public static SqliteStatement Prepare(SqliteConnection connection, string text, int slots, Func<int, string> slot, TimeSpan timeout)
    {
        var db = connection.Handle!;
        int rc = raw.sqlite3_prepare_v3(db, text, raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt handle, out string tail);
        try
        {
            if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
            if (!string.IsNullOrWhiteSpace(tail) && !tail.TrimStart().StartsWith(';'))
                throw new SqliteException("a resolver must be a single statement; found more after the first: " + tail.Trim(), raw.SQLITE_MISUSE);
            var slotIndex = new int[slots];
            for (int i = 0; i < slots; i++) slotIndex[i] = raw.sqlite3_bind_parameter_index(handle, slot(i));
            // Microsoft.Data.Sqlite refused to run a statement with a parameter it had no value for; so does this.
            int named = raw.sqlite3_bind_parameter_count(handle);
            for (int p = 1; p <= named; p++)
            {
                if (System.Array.IndexOf(slotIndex, p) < 0)
                    throw new SqliteException($"the statement has a parameter '{raw.sqlite3_bind_parameter_name(handle, p).utf8_to_string()}' " +
                        "that is no placeholder of the resolver; write parameters as ${feature.name}", raw.SQLITE_MISUSE);
            }
            return new SqliteStatement(db, handle, slotIndex, ColumnsOf(handle), timeout);
        }
        catch
        {
            handle?.Dispose();
            throw;
        }
    }

    /// <summary>Binds parameter row <paramref name="row"/> of <paramref name="parameters"/> to the slots.</summary>
    /// <remarks>Booleans bind as 0/1, 32-bit integers as 64-bit, floats as doubles, timestamps as ISO-8601 text (UTC).</remarks>
    /// <exception cref="NotSupportedException">A duration: SQLite has no interval type.</exception>
    public void Bind(RecordBatch parameters, int row)
    {
        for (int i = 0; i < _slotIndex.Length; i++)
        {
            int index = _slotIndex[i];
            if (index == 0) continue;
            int rc = ArrowValues.Get(parameters.Column(i), row) switch
            {
                null => raw.sqlite3_bind_null(Handle, index),
                bool b => raw.sqlite3_bind_int64(Handle, index, b ? 1 : 0),
                int n => raw.sqlite3_bind_int64(Handle, index, n),
                long n => raw.sqlite3_bind_int64(Handle, index, n),
                float f => raw.sqlite3_bind_double(Handle, index, f),
                double d => raw.sqlite3_bind_double(Handle, index, d),
                string s => BindText(index, s),
                DateTime t => BindText(index, SqliteTypes.FormatTimestamp(t)),
                TimeSpan => throw new NotSupportedException("SQLite has no interval type; bind a duration as a number of seconds"),
                var other => throw new NotSupportedException($"a {other.GetType().Name} parameter cannot be bound to SQLite"),
            };
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    // SQLitePCL's string overload passes a string longer than 512 bytes as a C string, which ends at the first NUL;
    // a key "a\0b" must arrive whole, so text goes as its UTF-8 bytes with their length. Not an empty string: an
    // empty span is a null pointer, which SQLite binds as NULL.
    private int BindText(int index, string text)
        => text.Length == 0 ? raw.sqlite3_bind_text(Handle, index, text) : raw.sqlite3_bind_text(Handle, index, Encoding.UTF8.GetBytes(text));

    /// <summary>Runs the bound statement to its first row.</summary>
    /// <returns>Whether there is a row.</returns>
    /// <exception cref="SqliteException">SQLite failed, or the database stayed locked past the timeout.</exception>
    public bool First()
    {
        var waited = Stopwatch.StartNew();
        int rc;
        while (IsBusy(rc = raw.sqlite3_step(Handle)) && (_timeout == TimeSpan.Zero || waited.Elapsed < _timeout))
        {
            raw.sqlite3_reset(Handle);
            Thread.Sleep(BusyRetryMilliseconds);
        }
        return Row(rc);
    }

    /// <summary>Steps to the next row.</summary>
    /// <returns>Whether there is a row.</returns>
    /// <exception cref="SqliteException">SQLite failed.</exception>
    public bool Next() => Row(raw.sqlite3_step(Handle));

    /// <summary>Ends the current execution, releasing its locks; the bindings stay.</summary>
    public void Reset() => raw.sqlite3_reset(Handle);

    /// <inheritdoc/>
    public void Dispose() => Handle.Dispose();

    private bool Row(int rc)
    {
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        SqliteException.ThrowExceptionForRC(rc, _db);
        throw new SqliteException("unexpected result code " + rc.ToString(CultureInfo.InvariantCulture), rc);
    }

    private static bool IsBusy(int rc) => rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_LOCKED_SHAREDCACHE;

    // Microsoft.Data.Sqlite reports a value's storage class where no type was declared, so the declared
    // types come from SQLite itself.
    private static SqliteColumn[] ColumnsOf(sqlite3_stmt handle)
    {
        int count = raw.sqlite3_column_count(handle);
        var columns = new SqliteColumn[count];
        for (int i = 0; i < count; i++)
        {
            string name = raw.sqlite3_column_name(handle, i).utf8_to_string();
            string? declared = raw.sqlite3_column_decltype(handle, i).utf8_to_string();
            columns[i] = new SqliteColumn(name, declared, SqliteTypes.FromDeclared(declared));
        }
        return columns;
    }
}
