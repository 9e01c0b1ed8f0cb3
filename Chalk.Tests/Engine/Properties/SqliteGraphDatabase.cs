using Chalk.Sql.Sources;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Engine.Properties;

/// <summary>The SQLite classes of a generated graph in a temporary database file, loaded with bound parameters.</summary>
internal sealed class SqliteGraphDatabase : IAsyncDisposable
{
    private readonly string _path;

    private SqliteGraphDatabase(string path)
    {
        _path = path;
        Source = new SqliteSource($"Data Source={path}");
    }

    public SqliteSource Source { get; }

    public static SqliteGraphDatabase Create(GraphSpec graph, GraphData data)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chalk-properties-{Guid.NewGuid():N}.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            for (int i = 0; i < graph.Classes.Count; i++)
            {
                var cls = graph.Classes[i];
                if (!cls.Sqlite) continue;
                var columns = cls.Columns.ToList();
                using (var ddl = connection.CreateCommand())
                {
                    ddl.CommandText = GraphSource.Seed(new GraphSpec([cls], graph.Optimize), new GraphData([[]]), sqlite: true);
                    ddl.ExecuteNonQuery();
                }
                foreach (var row in data.Rows[i])
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = $"insert into {cls.Table} values ({string.Join(", ", columns.Select((_, k) => "$p" + k))})";
                    for (int k = 0; k < columns.Count; k++) insert.Parameters.AddWithValue("$p" + k, row[columns[k].Property] ?? DBNull.Value);
                    insert.ExecuteNonQuery();
                }
            }
            transaction.Commit();
        }
        SqliteConnection.ClearAllPools();
        return new SqliteGraphDatabase(path);
    }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
