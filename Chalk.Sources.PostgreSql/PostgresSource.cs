using System.Data;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Npgsql;

namespace Chalk.Sql.Sources;

/// <summary>A PostgreSQL database (through Npgsql, pooled by an <see cref="NpgsqlDataSource"/>) as a resolver source.</summary>
/// <remarks>
/// <para>Slots render as Npgsql's positional <c>$1</c>, <c>$2</c>, …, with parameter types taken from the query's
/// Arrow types. One parameter row runs the statement as a prepared command. Many parameter rows run as one
/// statement and one round trip: each slot is sent as a typed array, unnested <c>WITH ORDINALITY</c> into a row
/// per parameter row, and the resolver's SQL runs <c>LATERAL</c> against each row:</para>
/// <code>
/// select (k.ord - 1)::int4 as __chalk_row, q.*
/// from unnest($1::int8[], $2::text[]) with ordinality as k(p1, p2, ord)
/// cross join lateral (resolver SQL with k.p1, k.p2 in its slots) as q
/// </code>
/// <para>Sessions opened by a source created from a connection string use time zone UTC, so
/// <c>timestamp</c> parameters compare with <c>timestamptz</c> columns as UTC.</para>
/// <para>Connection-level failures (refused, reset, server shutting down, timeouts) are transient and clear the
/// pool's idle connections, so the next call opens fresh ones and the source recovers once the server is back.</para>
/// </remarks>
public sealed partial class PostgresSource : SqlSource
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _display;
    private readonly int? _commandTimeoutSeconds;

    /// <summary>Creates a source with its own connection pool from an Npgsql connection string.</summary>
    /// <param name="connectionString">For example <c>Host=db;Database=shop;Username=chalk;Password=…</c>.</param>
    /// <param name="commandTimeout">How long a statement may run before failing with a transient error;
    /// the connection string's <c>Command Timeout</c> (30 s by default) when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public PostgresSource(string connectionString, TimeSpan? commandTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Timezone ??= "UTC";
        _dataSource = builder.Build();
        _ownsDataSource = true;
        _display = Display(builder.ConnectionStringBuilder);
        _commandTimeoutSeconds = commandTimeout is { } t ? (int)Math.Ceiling(t.TotalSeconds) : null;
    }

    /// <summary>Creates a source over an existing data source, which the caller keeps owning and disposes.</summary>
    /// <param name="dataSource">The pooled data source.</param>
    /// <param name="commandTimeout">How long a statement may run; the data source's setting when <see langword="null"/>.</param>
    public PostgresSource(NpgsqlDataSource dataSource, TimeSpan? commandTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _display = Display(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString));
        _commandTimeoutSeconds = commandTimeout is { } t ? (int)Math.Ceiling(t.TotalSeconds) : null;
    }

    /// <inheritdoc/>
    public override string Kind => "postgres";

    /// <summary>The data source whose pool this source uses.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <inheritdoc/>
    public override async Task<SqlResult> QueryAsync(SqlQuery query, RecordBatch parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.ColumnCount != query.Template.ParameterCount)
            throw new ArgumentException($"{query.Origin}: {parameters.ColumnCount} parameter columns for {query.Template.ParameterCount} slots", nameof(parameters));
        cancellationToken.ThrowIfCancellationRequested();
        TextParameters.RefuseNul(query, parameters, _display);
        var opened = new StrongBox<bool>();
        for (int attempt = 0; ; attempt++)
        {
            opened.Value = false;
            try
            {
                return await QueryOnceAsync(query, parameters, opened, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex) when (attempt == 0 && opened.Value && !cancellationToken.IsCancellationRequested && IsStaleConnection(ex))
            {
                // An idle pooled connection whose server restarted fails on first use: drop the pool's idle
                // connections and try the read-only statement once more on a fresh one.
                _dataSource.Clear();
            }
            catch (Exception ex) when (ex is not ChalkResolverException)
            {
                throw Translate(query, ex, cancellationToken);
            }
        }
    }

    // Sets opened once a connection is in hand, so that only failures on a (possibly stale) pooled connection are retried,
    // never a failure to connect.
    private async Task<SqlResult> QueryOnceAsync(SqlQuery query, RecordBatch parameters, StrongBox<bool> opened, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        opened.Value = true;
        await using var command = connection.CreateCommand();
        if (_commandTimeoutSeconds is int seconds) command.CommandTimeout = seconds;
        bool single = query.Template.ParameterCount == 0 || parameters.Length == 1;
        if (single) BindSingle(command, query, parameters);
        else BindUnnest(command, query, parameters);
        if (single) await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(reader, query, rowIndexInResult: !single, cancellationToken).ConfigureAwait(false);
    }

    // A connection the server closed while it sat in the pool: the server said it is shutting down, or the socket is gone.
    private static bool IsStaleConnection(NpgsqlException ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("57P0", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        _ => ex.InnerException is IOException or System.Net.Sockets.SocketException || ex.Message.Contains("broken", StringComparison.OrdinalIgnoreCase),
    };

    /// <inheritdoc/>
    /// <remarks>Asks the server to describe the prepared statement (<see cref="CommandBehavior.SchemaOnly"/>); no rows are read.</remarks>
    public override async Task<Schema?> DescribeAsync(SqlQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            BindSingle(command, query, parameters: null);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
            var fields = new List<Field>(reader.FieldCount);
            for (int i = 0; i < reader.FieldCount; i++)
                fields.Add(new Field(reader.GetName(i), PostgresTypes.ArrowTypeOf(query, _display, reader.GetName(i), reader.GetDataTypeName(i)), true));
            return new Schema(fields, null);
        }
        catch (Exception ex) when (ex is not ChalkResolverException)
        {
            throw Translate(query, ex, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (_ownsDataSource) await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static string Display(NpgsqlConnectionStringBuilder b)
        => $"postgres source '{b.Host}:{b.Port}/{b.Database ?? b.Username}'";

    private Exception Translate(SqlQuery query, Exception ex, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return ex as OperationCanceledException ?? new OperationCanceledException($"{query.Origin}: cancelled", ex, cancellationToken);
        switch (ex)
        {
            case NpgsqlException npgsql:
                bool transient = PostgresTypes.IsTransient(npgsql);
                // A connection-level failure usually means every idle connection in the pool is dead too.
                if (transient && npgsql is not PostgresException { SqlState: "57014" }) _dataSource.Clear();
                return SourceErrors.Failed(query, _display, transient, ex);
            case TimeoutException:
                return SourceErrors.Failed(query, _display, isTransient: true, ex);
            case OperationCanceledException:
                // Cancelled without the caller asking: Npgsql's own command timeout.
                return SourceErrors.Failed(query, _display, isTransient: true, ex);
            case InvalidCastException or NotSupportedException or InvalidOperationException or ArgumentException:
                return SourceErrors.Failed(query, _display, isTransient: false, ex);
            default:
                return ex;
        }
    }
}
