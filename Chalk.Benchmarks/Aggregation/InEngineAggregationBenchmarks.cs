using System.Diagnostics;
using System.Globalization;
using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Execution.Arrow;
using Chalk.Execution.Nodes;
using Chalk.Expressions;
using Chalk.Planning.Physical;
using Chalk.Sql.Aggregation;
using Chalk.Sql.Sources;

namespace Chalk.Benchmarks.Aggregation;

/// <summary>
/// Aggregating child rows fetched from a non-DuckDB source: in the engine with <see cref="ArrowAggregator"/> (what the
/// engine does) against loading them into an in-process DuckDB and running the pushed-down statement there (what issue 5
/// asked for). Both start from the same Arrow rows in memory and end with one value per aggregate and input row.
/// </summary>
/// <remarks>
/// <para>
/// Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*InEngineAggregation*'</c>. Sizes are
/// <c>buyers/payments</c> pairs; <c>CHALK_BENCH_INENGINE_SIZES</c> (e.g. <c>1000/10000,10000/100000</c>) replaces them.
/// The ten <see cref="Buyer"/> aggregates (three windows), every buyer once, each as of its own time.
/// </para>
/// <para>
/// Paths:
/// <list type="bullet">
/// <item><see cref="Engine"/>: the whole point-in-time query through the engine, whose source returns the rows
/// already in memory: the has-many node orders and filters each buyer's rows and gathers them (with the as-of per
/// child row), then the in-engine aggregate node compiles and runs <see cref="ArrowAggregator"/>. Also pays the
/// engine's per-query overhead (input conversion, plan lookup, output assembly), which any path would pay.</item>
/// <item><see cref="EngineNoChildren"/>: the same query when the source returns no rows, i.e. that overhead.</item>
/// <item><see cref="AggregatorOnly"/>: just the aggregate node's call, over child rows already expanded per parent:
/// a lower bound for the in-engine path.</item>
/// <item><see cref="InProcessDuckDb"/> and <see cref="InProcessDuckDbExact"/>: load the fetched rows and a key table
/// into an in-memory DuckDB (2,048-row data chunks), run <see cref="AggregateSql"/>'s statement (with window starts
/// hoisted to key columns, as the pushed-down node prefers; or the exact per-child-row form), and scatter the result
/// to input order, as <c>SqlAggregateNode</c> does.</item>
/// <item><see cref="InProcessDuckDbLoadOnly"/>: just loading the two tables, to split the DuckDB time.</item>
/// </list>
/// </para>
/// </remarks>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class InEngineAggregationBenchmarks
{
    private const string ChildrenTable = "__chalk_children";
    private const string OrderColumn = "payment.id";

    private static readonly FeatureType s_keyType = new(ScalarKind.Int64, false);

    private InEngineAggregationData _data = null!;
    private IReadOnlyList<AggregateExpr> _aggregates = null!;
    private ChalkEngine _engine = null!;
    private ChalkEngine _emptyEngine = null!;
    private DuckDbSource _duck = null!;
    private AggregateSqlStatement _exact = null!;
    private AggregateSqlStatement _hoisted = null!;
    private (IReadOnlyList<string> Names, CompiledExpressions Compiled) _keyExpressions;
    private RecordBatch _expanded = null!;
    private int[] _parentOfChild = null!;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(7).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median);
        }
    }

    /// <summary>Buyers and payments, as <c>buyers/payments</c>.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = "";

    /// <summary>The sizes to run: <c>CHALK_BENCH_INENGINE_SIZES</c>, or 10k × 100k and 100k × 1M.</summary>
    public static IEnumerable<string> Sizes()
        => Environment.GetEnvironmentVariable("CHALK_BENCH_INENGINE_SIZES")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
           ?? ["10000/100000", "100000/1000000"];

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('/');
        int buyers = int.Parse(parts[0], CultureInfo.InvariantCulture), payments = int.Parse(parts[1], CultureInfo.InvariantCulture);
        _data = InEngineAggregationData.Create(buyers, payments);
        _aggregates = InEngineAggregationData.Aggregates();
        _engine = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Buyer), typeof(Payment))
            .AddSource("bench", new FetchedRowsSource(_data.Fetched, buyers))
            .AddSqlResolver("payments.chalk.sql", AggregationData.PaymentsSql)
            .Build();
        _emptyEngine = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Buyer), typeof(Payment))
            .AddSource("bench", new FetchedRowsSource(InEngineAggregationData.Create(buyers, 0).Fetched, buyers))
            .AddSqlResolver("payments.chalk.sql", AggregationData.PaymentsSql)
            .Build();
        string plan = _engine.Explain(["buyer.id"], AggregationData.Outputs, online: false);
        Console.WriteLine(plan.Split('\n').Single(l => l.Contains("(in engine)", StringComparison.Ordinal)));
        // The hand-built IR must be what the lifter made, or the two sides would compute different things.
        foreach (var a in _aggregates.Where(a => !plan.Contains(a.ToString(), StringComparison.Ordinal)))
            throw new InvalidOperationException($"the engine's plan has no aggregate {a}");

        _duck = new DuckDbSource("Data Source=:memory:");
        _exact = AggregateSql.Build(Request(_aggregates, null));
        var (rewritten, hoisting) = KeyLevelHoisting.Apply(_aggregates);
        _hoisted = AggregateSql.Build(Request(rewritten, hoisting.Hoisted.ToDictionary(h => h.Column, h => h.Expression.Type)));
        if (_exact.Untranslatable.Count + _hoisted.Untranslatable.Count > 0 || hoisting.Hoisted.Count == 0)
            throw new InvalidOperationException("every aggregate should translate, with the window starts hoisted");
        _keyExpressions = SqlAggregateNode.CompileKeyExpressions(hoisting);
        (_expanded, _parentOfChild) = Expand();
        Console.WriteLine($"// {payments} payments fetched, {_parentOfChild.Length} visible to their buyer");
        Verify();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _emptyEngine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _duck.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The engine's point-in-time query: has-many fetch (free here), per-buyer order and visibility, ArrowAggregator.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> Engine() => (await _engine.QueryBatchAsync(_data.Inputs, AggregationData.Outputs, asOf: "ts").ConfigureAwait(false)).Length;

    /// <summary>The same query when the source returns no rows: the engine's per-query cost outside the has-many and aggregate work.</summary>
    [Benchmark]
    public async Task<int> EngineNoChildren() => (await _emptyEngine.QueryBatchAsync(_data.Inputs, AggregationData.Outputs, asOf: "ts").ConfigureAwait(false)).Length;

    /// <summary>Only what the in-engine aggregate node does with child rows already expanded per parent.</summary>
    [Benchmark]
    public int AggregatorOnly() => Aggregator().Length;

    /// <summary>Load into an in-process DuckDB, run the statement with window starts as key columns, scatter to input order.</summary>
    [Benchmark]
    public async Task<int> InProcessDuckDb() => (await DuckDbAsync(_hoisted, hoisted: true).ConfigureAwait(false)).Length;

    /// <summary>As <see cref="InProcessDuckDb"/>, with the exact statement (window starts computed per child row).</summary>
    [Benchmark]
    public async Task<int> InProcessDuckDbExact() => (await DuckDbAsync(_exact, hoisted: false).ConfigureAwait(false)).Length;

    /// <summary>Only loading the two tables (and a trivial statement): the part of <see cref="InProcessDuckDb"/> the engine's path does not have.</summary>
    [Benchmark]
    public async Task<long> InProcessDuckDbLoadOnly()
    {
        using var result = await _duck.QueryWithTablesAsync($"select count(*) from \"{ChildrenTable}\"",
            [(ChildrenTable, _data.Children), (SqlAggregateNode.KeysTable, Keys(_data.Inputs, hoisted: true))], "bench").ConfigureAwait(false);
        return result.RowCount;
    }

    private AggregateSqlRequest Request(IReadOnlyList<AggregateExpr> aggregates, IReadOnlyDictionary<string, ExprType>? keyColumns)
    {
        var columns = _data.Children.Schema.FieldsList.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return new AggregateSqlRequest($"select * from \"{ChildrenTable}\"", "buyer_id", "id", "created_at",
            name => name.StartsWith("payment.", StringComparison.Ordinal) && columns.Contains(name["payment.".Length..]) ? name["payment.".Length..] : null,
            SqlAggregateNode.KeysTable, aggregates, keyColumns);
    }

    // ArrowAggregateNode's work: compile and run the aggregates (the node compiles per query), and the error columns.
    private IArrowArray[] Aggregator()
    {
        int n = _data.Inputs.Length;
        var result = ArrowAggregator.Aggregate(_expanded, _parentOfChild, n, OrderColumn, _aggregates);
        var arrays = new IArrowArray[_aggregates.Count];
        for (int i = 0; i < arrays.Length; i++)
        {
            arrays[i] = result.Values[i];
            _ = AggregateOutputs.Messages(result.RowErrors[i], n);
        }
        return arrays;
    }

    // SqlAggregateNode's work, with the fetched rows loaded next to the key table.
    private async Task<IArrowArray[]> DuckDbAsync(AggregateSqlStatement statement, bool hoisted)
    {
        var input = _data.Inputs;
        int n = input.Length;
        var keys = Keys(input, hoisted);
        using var result = await _duck.QueryWithTablesAsync(statement.Sql!, [(ChildrenTable, _data.Children), (SqlAggregateNode.KeysTable, keys)], "bench").ConfigureAwait(false);
        var targets = result.Batches.Select(b => (Int32Array)b.Column(0)).ToList();
        var scattered = new IArrowArray[statement.Columns.Count * 2];
        Parallel.For(0, scattered.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var c = statement.Columns[i / 2];
            string? column = i % 2 == 0 ? c.ValueColumn : c.ErrorColumn;
            var type = i % 2 == 0 ? AggregateOutputs.FeatureTypeOf(c.Aggregate) : AggregateOutputs.MessageType;
            int index = result.Schema.GetFieldIndex(column ?? "", StringComparer.Ordinal);
            scattered[i] = column is null ? ArrowScatter.AllNull(type, n) : ArrowScatter.Scatter(result.Batches.Select(b => b.Column(index)).ToList(), targets, n, type);
        });
        return Enumerable.Range(0, statement.Columns.Count).Select(i => scattered[i * 2]).ToArray();
    }

    // The key table: row, key, as-of and, for the hoisted statement, each window start computed once per key row.
    private RecordBatch Keys(RecordBatch input, bool hoisted)
    {
        int n = input.Length;
        var ids = new int[n];
        for (int r = 0; r < n; r++) ids[r] = r;
        var asOf = ArrowGather.AsFeature(input.Column(1), QueryTime.Type);
        var fields = new List<Field>
        {
            new(AggregateSql.RowColumn, Apache.Arrow.Types.Int32Type.Default, false),
            new(AggregateSql.KeyColumn, Apache.Arrow.Types.Int64Type.Default, true),
            new(AggregateSql.AsOfColumn, asOf.Data.DataType, false),
        };
        var arrays = new List<IArrowArray> { new Int32Array.Builder().Reserve(n).Append(ids).Build(), ArrowGather.AsFeature(input.Column(0), s_keyType), asOf };
        if (hoisted)
        {
            var (names, compiled) = _keyExpressions;
            var times = new RecordBatch(new Schema([new Field(QueryTime.Column, QueryTime.Type.ArrowType, false)], null), [asOf], n);
            var values = compiled.Evaluate(times);
            for (int i = 0; i < names.Count; i++)
            {
                var array = values.GetArray(i);
                if (values.RowErrors[i].Count > 0 || array.NullCount > 0) throw new InvalidOperationException("a window start failed");
                fields.Add(new Field(names[i], array.Data.DataType, false));
                arrays.Add(array);
            }
        }
        return new RecordBatch(new Schema(fields, null), arrays, n);
    }

    // What the has-many node hands the aggregate node: per buyer, its visible payments in id order, with its as-of time.
    private (RecordBatch Rows, int[] ParentOfChild) Expand()
    {
        var fetched = _data.Fetched;
        var row = (Int32Array)fetched.Column(0);
        var created = (TimestampArray)fetched.Column(6);
        var asOf = (TimestampArray)_data.Inputs.Column(1);
        var parents = new List<int>();
        var picks = new List<int>();
        // Rows are grouped by buyer and in id order within a buyer (see InEngineAggregationData), so one pass expands them.
        for (int r = 0; r < fetched.Length; r++)
        {
            int parent = row.Values[r];
            if (created.Values[r] > asOf.Values[parent]) continue;
            parents.Add(parent);
            picks.Add(r);
        }
        var pick = picks.ToArray();
        var parentOfChild = parents.ToArray();
        var names = new[] { "payment.id", "payment.buyer_id", "payment.merchant_id", "payment.amount", "payment.kind", "payment.created_at" };
        var arrays = new List<IArrowArray>();
        var fields = new List<Field>();
        for (int c = 0; c < names.Length; c++)
        {
            var source = fetched.Column(c + 1);
            var type = new FeatureType(source switch { DoubleArray => ScalarKind.Float64, StringArray => ScalarKind.String, TimestampArray => ScalarKind.DateTime, _ => ScalarKind.Int64 }, false);
            arrays.Add(ArrowTake.Take(source, pick, type));
            fields.Add(new Field(names[c], arrays[^1].Data.DataType, false));
        }
        arrays.Add(ArrowTake.Take(asOf, parentOfChild, QueryTime.Type));
        fields.Add(new Field(QueryTime.Column, arrays[^1].Data.DataType, false));
        return (new RecordBatch(new Schema(fields, null), arrays, pick.Length), parentOfChild);
    }

    // Every path must give the same numbers, or the timings compare different work.
    private void Verify()
    {
        var aggregator = Aggregator();
        var engine = EngineColumns();
        var hoisted = DuckDbAsync(_hoisted, hoisted: true).GetAwaiter().GetResult();
        var exact = DuckDbAsync(_exact, hoisted: false).GetAwaiter().GetResult();
        for (int i = 0; i < _aggregates.Count; i++)
        {
            Same(aggregator[i], engine[i], $"{AggregationData.Outputs[i]}: engine");
            Same(aggregator[i], hoisted[i], $"{AggregationData.Outputs[i]}: in-process DuckDB");
            Same(aggregator[i], exact[i], $"{AggregationData.Outputs[i]}: in-process DuckDB (exact)");
        }
        Console.WriteLine("// all paths agree");
    }

    private IArrowArray[] EngineColumns()
    {
        var table = _engine.QueryBatchAsync(_data.Inputs, AggregationData.Outputs, asOf: "ts").GetAwaiter().GetResult();
        return AggregationData.Outputs.Select(o => table.Column(table.Schema.GetFieldIndex(o, StringComparer.Ordinal))).ToArray();
    }

    private static void Same(IArrowArray want, IArrowArray got, string what)
    {
        if (want.Length != got.Length) throw new InvalidOperationException($"{what}: {got.Length} rows, expected {want.Length}");
        for (int r = 0; r < want.Length; r++)
        {
            object? w = ArrowValues.GetValue(want, r), g = ArrowValues.GetValue(got, r);
            bool same = (w, g) switch
            {
                (null, null) => true,
                (double x, double y) => x == y || Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y)),
                (null, _) or (_, null) => false,
                _ => Convert.ToInt64(w, CultureInfo.InvariantCulture) == Convert.ToInt64(g, CultureInfo.InvariantCulture),
            };
            if (!same) throw new InvalidOperationException($"{what}: row {r} is {g ?? "null"}, expected {w ?? "null"}");
        }
    }
}
