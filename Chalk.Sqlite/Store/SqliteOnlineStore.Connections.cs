using Microsoft.Data.Sqlite;

namespace Chalk.Store;

public sealed partial class SqliteOnlineStore
{
    /// <summary>A pooled connection for reads, with its lookup prepared once.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _lookup;
        private readonly SqliteParameter _feature;
        private readonly SqliteParameter _entity;

        public Reader(SqliteConnection connection)
        {
            _connection = connection;
            _lookup = connection.CreateCommand();
            _lookup.CommandText = $"select value, expires_at from {TableName} where feature = $feature and entity = $entity";
            _feature = _lookup.Parameters.Add("$feature", SqliteType.Text);
            _entity = _lookup.Parameters.Add("$entity", SqliteType.Blob);
            _lookup.Prepare();
        }

        /// <summary>Looks up each key in one read transaction, so the batch sees one snapshot and takes the lock once.</summary>
        public void Read(IReadOnlyList<StoreKey> keys, byte[][] entities, long nowUtcTicks, StoredValue?[] results, CancellationToken cancellationToken)
        {
            using var transaction = keys.Count > 1 ? _connection.BeginTransaction(deferred: true) : null;
            _lookup.Transaction = transaction;
            try
            {
                for (int i = 0; i < results.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _feature.Value = keys[i].Feature;
                    _entity.Value = entities[i];
                    using var row = _lookup.ExecuteReader();
                    if (!row.Read()) continue;
                    if (!row.IsDBNull(1) && row.GetInt64(1) <= nowUtcTicks) continue;
                    // A value that is not a blob was not written by this store: a miss, like bytes that do not decode.
                    if (row.GetValue(0) is byte[] bytes) results[i] = StoredValueCodec.TryDecode(bytes);
                }
            }
            finally
            {
                _lookup.Transaction = null;
            }
        }

        public void Dispose()
        {
            _lookup.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>The one connection that writes, with its upsert and purge prepared once; used under the store's write lock.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _upsert;
        private readonly SqliteParameter _feature;
        private readonly SqliteParameter _entity;
        private readonly SqliteParameter _value;
        private readonly SqliteParameter _expiresAt;
        private readonly SqliteCommand _purge;
        private readonly SqliteParameter _now;

        /// <summary>An encoded entry.</summary>
        public readonly record struct Row(string Feature, byte[] Entity, byte[] Value, long? ExpiresAtUtcTicks);

        public Writer(SqliteConnection connection)
        {
            _connection = connection;
            _upsert = connection.CreateCommand();
            _upsert.CommandText = $"""
                insert into {TableName} (feature, entity, value, expires_at) values ($feature, $entity, $value, $expires_at)
                on conflict (feature, entity) do update set value = excluded.value, expires_at = excluded.expires_at
                """;
            _feature = _upsert.Parameters.Add("$feature", SqliteType.Text);
            _entity = _upsert.Parameters.Add("$entity", SqliteType.Blob);
            _value = _upsert.Parameters.Add("$value", SqliteType.Blob);
            _expiresAt = _upsert.Parameters.Add("$expires_at", SqliteType.Integer);
            _upsert.Prepare();
            _purge = connection.CreateCommand();
            _purge.CommandText = $"delete from {TableName} where expires_at <= $now";
            _now = _purge.Parameters.Add("$now", SqliteType.Integer);
            _purge.Prepare();
        }

        /// <summary>Upserts <paramref name="rows"/> in one transaction, first deleting the rows expired at
        /// <paramref name="purgeAtUtcTicks"/> when it is given.</summary>
        public void Write(Row[] rows, long? purgeAtUtcTicks)
        {
            using var transaction = _connection.BeginTransaction();
            _upsert.Transaction = transaction;
            _purge.Transaction = transaction;
            try
            {
                if (purgeAtUtcTicks is { } now)
                {
                    _now.Value = now;
                    _purge.ExecuteNonQuery();
                }
                foreach (var row in rows)
                {
                    _feature.Value = row.Feature;
                    _entity.Value = row.Entity;
                    _value.Value = row.Value;
                    _expiresAt.Value = row.ExpiresAtUtcTicks is { } t ? t : DBNull.Value;
                    _upsert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            finally
            {
                _upsert.Transaction = null;
                _purge.Transaction = null;
            }
        }

        public void Dispose()
        {
            _upsert.Dispose();
            _purge.Dispose();
            _connection.Dispose();
        }
    }
}
