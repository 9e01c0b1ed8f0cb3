using System.Reflection;
using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Compiles a generated case, seeds DuckDB, builds an engine with lifting and one without, runs every query
/// online per key and as a batch, and compares each answer with the per-row oracle.</summary>
internal static class GraphRun
{
    public static async Task<IReadOnlyList<Discrepancy>> CheckAsync(GraphCase c)
    {
        var assembly = GraphCompiler.Compile(GraphSource.CSharp(c.Graph), c.Graph.Optimize);
        await using var source = new DuckDbSource("Data Source=:memory:");
        var seed = GraphSource.Seed(c.Graph, c.Data);
        if (seed.Length > 0) await source.UseConnectionAsync(connection =>
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = seed;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        await using var sqlite = c.Graph.Classes.Any(x => x.Sqlite) ? SqliteGraphDatabase.Create(c.Graph, c.Data) : null;
        var oracle = new Oracle(assembly, c.Graph, c.Data);
        var atTimes = new Dictionary<DateTime, Oracle> { [GraphDataGen.Now] = oracle };
        Oracle At(DateTime t) => atTimes.TryGetValue(t, out var o) ? o : atTimes[t] = new Oracle(assembly, c.Graph, c.Data, t);
        var found = new List<Discrepancy>();
        foreach (var lifting in new[] { true, false })
        {
            var name = lifting ? "lifted" : "per-row";
            ChalkEngine engine;
            try
            {
                engine = Build(assembly, c.Graph, source, sqlite?.Source, lifting);
            }
            catch (ChalkException e)
            {
                found.Add(new Discrepancy("build " + name, false, e.GetType().Name + ": " + e.Message));
                continue;
            }
            await using (engine)
            {
                if (lifting) GraphStats.Bodies(engine);
                foreach (var query in c.Queries)
                {
                    try
                    {
                        await CompareAsync(engine, name, oracle, c.Graph, query, found);
                        await ComparePointInTimeAsync(engine, name, At, c.Graph, query, found);
                    }
                    catch (Exception e) when (e is ChalkException or ArgumentException or InvalidOperationException)
                    {
                        found.Add(new Discrepancy("query " + name, false, $"{QueryText(c.Graph, query)} threw {e.GetType().Name}: {e.Message}"));
                    }
                }
            }
        }
        var keyColumns = c.Graph.Classes.Select(x => x.HasOnes.Select(h => h.ForeignKey.Property).Prepend("Id").ToList()).ToList();
        bool nul = c.Queries.SelectMany(q => q.Keys)
            .Concat(c.Data.Rows.SelectMany((rows, i) => rows.SelectMany(r => keyColumns[i].Select(k => r[k]))))
            .Any(v => v is string s && s.Contains('\0', StringComparison.Ordinal));
        return nul ? found.Select(d => d with { NulKeys = true }).ToList() : found;
    }

    private static ChalkEngine Build(Assembly assembly, GraphSpec graph, DuckDbSource source, SqliteSource? sqlite, bool lifting)
    {
        var builder = ChalkEngine.CreateBuilder().AddFeatures(assembly.GetTypes())
            .AddSource(GraphSource.SourceName, source, disposeWithEngine: false)
            .WithMaxDegreeOfParallelism(1)
            .WithTimeProvider(new FixedTime(GraphDataGen.Now));
        if (sqlite is not null) builder.AddSource(GraphSource.SqliteSourceName, sqlite, disposeWithEngine: false);
        foreach (var cls in graph.Classes) builder.AddSqlResolver(cls.Snake + ".chalk.sql", GraphSource.Sql(cls));
        if (!lifting) builder.DisableLifting();
        return builder.Build();
    }

    private static string QueryText(GraphSpec graph, QuerySpec q) =>
        $"{graph.Classes[q.Root].Snake}.id in [{string.Join(", ", q.Keys.Select(GraphSource.Show))}] -> {string.Join(", ", q.Outputs)}";

    private static async Task CompareAsync(ChalkEngine engine, string name, Oracle oracle, GraphSpec graph, QuerySpec q, List<Discrepancy> found)
    {
        var root = graph.Classes[q.Root];
        var input = root.Snake + ".id";
        var tolerant = q.Outputs.Select(o => IsTolerant(graph, q.Root, o)).ToArray();
        var batch = await engine.QueryBatchDetailedAsync(KeyBatch(input, root.StringKey, q.Keys), q.Outputs);
        for (int row = 0; row < q.Keys.Count; row++)
        {
            var key = q.Keys[row];
            bool complete = oracle.Complete(q.Root, key);
            var online = await engine.QueryAsync(new Dictionary<string, object?> { [input] = key }, q.Outputs);
            var where = $"{input} = {GraphSource.Show(key)}";
            for (int o = 0; o < q.Outputs.Count; o++)
            {
                var expected = oracle.Evaluate(q.Root, key, q.Outputs[o]);
                var onlineValue = online[q.Outputs[o]];
                var batchValue = ArrowValues.Get(batch.Table.Column(o), row);
                var onlineError = online.Errors.FirstOrDefault(e => e.Feature == q.Outputs[o])?.Message;
                bool touches = oracle.Touches(q.Root, key, q.Outputs[o]);
                Check($"online {name}", where, q.Outputs[o], expected, onlineValue, onlineError, tolerant[o], touches, found);
                var batchError = batch.Errors.FirstOrDefault(e => e.Row == row && e.Feature == q.Outputs[o])?.Message;
                Check($"batch {name}", $"{where} (row {row})", q.Outputs[o], expected, batchValue, batchError, tolerant[o], touches, found);
            }
            var missing = oracle.MissingRows(q.Root, key, q.Outputs);
            MissingRowCheck.Compare($"online {name}", where, online, 0, missing, complete, found);
            MissingRowCheck.Compare($"batch {name}", $"{where} (row {row})", batch, row, missing, complete, found);
        }
    }

    // As-of times around the generated child ages (GraphDataGen): at a child's time (visible), just before it, and
    // before and after most of them.
    private static readonly DateTime[] s_asOfTimes =
    [
        GraphDataGen.Now - TimeSpan.FromDays(1), GraphDataGen.Now - TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1),
        GraphDataGen.Now, GraphDataGen.Now - TimeSpan.FromDays(7), GraphDataGen.Now + TimeSpan.FromDays(1),
        GraphDataGen.Now - TimeSpan.FromHours(1) - TimeSpan.FromTicks(10), GraphDataGen.Now - TimeSpan.FromDays(400),
    ];

    /// <summary>The query as one point-in-time batch, each row at its own time, against the oracle at that time.</summary>
    private static async Task ComparePointInTimeAsync(ChalkEngine engine, string name, Func<DateTime, Oracle> at, GraphSpec graph, QuerySpec q, List<Discrepancy> found)
    {
        var root = graph.Classes[q.Root];
        var input = root.Snake + ".id";
        var tolerant = q.Outputs.Select(o => IsTolerant(graph, q.Root, o)).ToArray();
        var times = q.Keys.Select((_, row) => s_asOfTimes[(row + q.Keys.Count) % s_asOfTimes.Length]).ToArray();
        var keys = KeyBatch(input, root.StringKey, q.Keys);
        var ts = new TimestampArray.Builder(new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, (string?)null));
        foreach (var t in times) ts.Append(new DateTimeOffset(t, TimeSpan.Zero));
        var inputs = new RecordBatch(new Schema([keys.Schema.GetFieldByIndex(0), new Field("as_of", ts.Build().Data.DataType, false)], null),
            [keys.Column(0), ts.Build()], q.Keys.Count);
        var batch = await engine.QueryBatchDetailedAsync(inputs, q.Outputs, asOf: "as_of");
        for (int row = 0; row < q.Keys.Count; row++)
        {
            var oracle = at(times[row]);
            var key = q.Keys[row];
            var where = $"{input} = {GraphSource.Show(key)} as of {times[row]:yyyy-MM-dd HH:mm:ss.ffffff} (row {row})";
            for (int o = 0; o < q.Outputs.Count; o++)
            {
                var expected = oracle.Evaluate(q.Root, key, q.Outputs[o]);
                var value = ArrowValues.Get(batch.Table.Column(o), row);
                var error = batch.Errors.FirstOrDefault(e => e.Row == row && e.Feature == q.Outputs[o])?.Message;
                Check($"point-in-time batch {name}", where, q.Outputs[o], expected, value, error, tolerant[o], oracle.Touches(q.Root, key, q.Outputs[o]), found);
            }
            MissingRowCheck.Compare($"point-in-time batch {name}", where, batch, row, oracle.MissingRows(q.Root, key, q.Outputs), oracle.Complete(q.Root, key), found);
        }
    }

    private static void Check(string path, string where, string output, Expected expected, object? actual, string? error, bool tolerant, bool missingRow, List<Discrepancy> found)
    {
        GraphStats.Compared();
        if (expected.Error is not null)
        {
            if (error is null)
                found.Add(new Discrepancy(path, missingRow, $"{where}: {output} = {GraphSource.Show(actual)} with no error; C# throws {expected.Error}"));
            else if (actual is not null)
                found.Add(new Discrepancy(path, missingRow, $"{where}: {output} failed ({error}) but has the value {GraphSource.Show(actual)}"));
            return;
        }
        if (error is not null)
        {
            found.Add(new Discrepancy(path, missingRow, $"{where}: {output} failed ({error}); expected {GraphSource.Show(expected.Value)}"));
            return;
        }
        if (!ValueComparison.Same(expected.Value, actual, tolerant))
        {
            var note = expected.RowExists ? "" : " (the row does not exist)";
            found.Add(new Discrepancy(path, missingRow, $"{where}: {output} = {GraphSource.Show(actual)}, expected {GraphSource.Show(expected.Value)}{note}"));
        }
    }

    private static bool IsTolerant(GraphSpec graph, int root, string output)
    {
        var steps = output.Split('.');
        int cls = root;
        for (int s = 1; s < steps.Length - 1; s++)
            cls = graph.Classes[cls].HasOnes.Single(h => Chalk.Definitions.FeatureNames.ToSnakeCase(h.Property) == steps[s]).Target;
        return graph.Classes[cls].Outputs.Single(x => x.Feature == steps[^1]).Tolerant;
    }

    private static RecordBatch KeyBatch(string name, bool stringKey, IReadOnlyList<object?> keys)
    {
        IArrowArray array;
        if (stringKey)
        {
            var b = new StringArray.Builder();
            foreach (var k in keys) { if (k is null) b.AppendNull(); else b.Append((string)k); }
            array = b.Build();
        }
        else
        {
            var b = new Int64Array.Builder();
            foreach (var k in keys) { if (k is null) b.AppendNull(); else b.Append((long)k); }
            array = b.Build();
        }
        return new RecordBatch(new Schema([new Field(name, array.Data.DataType, true)], null), [array], keys.Count);
    }

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
