using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using Chalk.Expressions;

namespace Chalk.Benchmarks.Expressions;

/// <summary>
/// <see cref="ArrowAggregator"/> over 10M child rows into 1M parents (10 children each): Sum, Count and Average with
/// one shared filter (<c>amount &gt; 100</c>), the shape of <c>Transactions.Where(t =&gt; t.Amount &gt; 100).Sum(…)</c>.
/// Children arrive either grouped by parent in key order (as a source ordered by key returns them) or shuffled.
/// Reported per child row.
/// </summary>
[MemoryDiagnoser(false)]
public class AggregationBenchmarks
{
    public const int Children = 10_000_000;
    public const int Parents = 1_000_000;

    private RecordBatch _batch = null!;
    private int[] _parentOfChild = null!;
    private CompiledAggregation _compiled = null!;

    [Params(false, true)]
    public bool Shuffled { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        var order = Enumerable.Range(0, Children).ToArray();
        if (Shuffled) rng.Shuffle(order);
        var ids = new long[Children];
        var amounts = new double[Children];
        var quantities = new int[Children];
        _parentOfChild = new int[Children];
        for (int k = 0; k < Children; k++)
        {
            int child = order[k];
            ids[k] = child;
            _parentOfChild[k] = child / (Children / Parents);
            amounts[k] = Math.Round(rng.NextDouble() * 200, 2);
            quantities[k] = rng.Next(1, 10);
        }
        var schema = new Schema(
        [
            new Field("txn.id", Int64Type.Default, false),
            new Field("txn.amount", DoubleType.Default, false),
            new Field("txn.qty", Int32Type.Default, false),
        ], null);
        _batch = new RecordBatch(schema,
            [Primitive<Int64Array, long>(ids), ComputeTotalData.Doubles(amounts, null), Primitive<Int32Array, int>(quantities)], Children);
        var amount = Expr.Col("txn.amount", ExprType.Float64);
        var filter = Expr.Call("gt", amount, Expr.Lit(100.0));
        AggregateExpr Agg(AggregateKind kind, Expr? value, ExprType type) => new(kind, "transactions", "txn", value, filter, null, false, false, false, type, true);
        _compiled = ArrowAggregator.Compile(
            [Agg(AggregateKind.Sum, amount, ExprType.Float64), Agg(AggregateKind.Count, null, ExprType.Int32),
             Agg(AggregateKind.Average, Expr.Col("txn.qty", ExprType.Int32), ExprType.Float64)],
            schema, "txn.id");
    }

    private static TArray Primitive<TArray, T>(T[] values) where TArray : IArrowArray where T : unmanaged
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var data = new ArrayData(typeof(T) == typeof(long) ? Int64Type.Default : Int32Type.Default, values.Length, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(bytes)]);
        return (TArray)ArrowArrayFactory.BuildArray(data);
    }

    /// <summary>Sum, Count and Average with a filter, all three in one call (the filter is evaluated once).</summary>
    [Benchmark(OperationsPerInvoke = Children, Description = "ArrowAggregator Sum+Count+Average, filtered")]
    public int SumCountAverage()
    {
        var result = _compiled.Aggregate(_batch, _parentOfChild, Parents);
        return result.Values[0].Length;
    }
}
