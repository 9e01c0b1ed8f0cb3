using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;
using Chalk.Sql.Sources;

namespace Chalk.Benchmarks.Aggregation;

/// <summary>The buyers and payments of <see cref="AggregationData"/>, generated in .NET as a non-DuckDB source's answer:
/// the payments of buyers 1..n (tagged with their parameter row), the input rows (buyer id and as-of time), and the
/// ten <see cref="Buyer"/> aggregates as IR.</summary>
/// <remarks>
/// Every buffer is a managed array without a memory owner, so the engine may dispose results that share them.
/// Payment <c>i</c> belongs to buyer <c>hash(i) % buyers + 1</c>; rows come grouped by parameter row (buyer) and in
/// primary-key order within a buyer, as a source filtered by a key list typically returns them.
/// </remarks>
internal sealed class InEngineAggregationData
{
    private static readonly TimestampType s_timestamp = new(TimeUnit.Microsecond, (string?)null);

    private InEngineAggregationData(RecordBatch fetched, RecordBatch inputs)
    {
        Fetched = fetched;
        Inputs = inputs;
    }

    /// <summary>The fetched payments: <see cref="SqlResult.RowColumn"/>, id, buyer_id, merchant_id, amount, kind, created_at.</summary>
    public RecordBatch Fetched { get; }

    /// <summary>The query's input rows: <c>buyer.id</c> (1..n) and <c>ts</c>, each buyer's as-of time.</summary>
    public RecordBatch Inputs { get; }

    /// <summary>The fetched payments without the parameter row column: the table an in-process DuckDB would load.</summary>
    public RecordBatch Children => new(
        new Schema(Fetched.Schema.FieldsList.Skip(1), null), Enumerable.Range(1, Fetched.ColumnCount - 1).Select(Fetched.Column), Fetched.Length);

    public static InEngineAggregationData Create(int buyers, int payments)
    {
        var buyerOf = new int[payments];
        var perBuyer = new int[buyers + 1];
        for (int i = 0; i < payments; i++) perBuyer[buyerOf[i] = (int)(Hash(i + 1) % (ulong)buyers)]++;
        // A counting sort by buyer keeps each buyer's payments in id order.
        var start = new int[buyers + 1];
        for (int b = 0; b < buyers; b++) start[b + 1] = start[b] + perBuyer[b];
        var order = new int[payments];
        var next = (int[])start.Clone();
        for (int i = 0; i < payments; i++) order[next[buyerOf[i]]++] = i;

        var row = new int[payments];
        var id = new long[payments];
        var buyer = new long[payments];
        var merchant = new long[payments];
        var amount = new double[payments];
        var refund = new bool[payments];
        var created = new long[payments];
        long origin = Micros(AggregationData.Start);
        for (int k = 0; k < payments; k++)
        {
            long i = order[k] + 1;
            row[k] = buyerOf[order[k]];
            id[k] = i;
            buyer[k] = row[k] + 1;
            merchant[k] = (long)(Hash(i * 7) % 500);
            amount[k] = (Hash(i * 13) % 100000) / 100.0;
            refund[k] = Hash(i * 17) % 10 == 0;
            created[k] = origin + (long)(Hash(i * 31) % (365 * 86400)) * 1_000_000;
        }
        var fetched = new RecordBatch(new Schema(
        [
            new Field(SqlResult.RowColumn, Int32Type.Default, false), new Field("id", Int64Type.Default, false),
            new Field("buyer_id", Int64Type.Default, false), new Field("merchant_id", Int64Type.Default, false),
            new Field("amount", DoubleType.Default, false), new Field("kind", StringType.Default, false),
            new Field("created_at", s_timestamp, false),
        ], null),
        [
            Fixed<Int32Array, int>(Int32Type.Default, row), Fixed<Int64Array, long>(Int64Type.Default, id),
            Fixed<Int64Array, long>(Int64Type.Default, buyer), Fixed<Int64Array, long>(Int64Type.Default, merchant),
            Fixed<DoubleArray, double>(DoubleType.Default, amount), Kinds(refund), Fixed<TimestampArray, long>(s_timestamp, created),
        ], payments);

        var buyerIds = new long[buyers];
        var asOf = new long[buyers];
        for (int b = 0; b < buyers; b++)
        {
            buyerIds[b] = b + 1;
            asOf[b] = Micros(AggregationData.AsOf(b + 1));
        }
        var inputs = new RecordBatch(new Schema([new Field("buyer.id", Int64Type.Default, false), new Field("ts", s_timestamp, false)], null),
            [Fixed<Int64Array, long>(Int64Type.Default, buyerIds), Fixed<TimestampArray, long>(s_timestamp, asOf)], buyers);
        return new InEngineAggregationData(fetched, inputs);
    }

    /// <summary>The ten <see cref="Buyer"/> aggregates as the lifter builds them (checked against the engine's plan).</summary>
    public static IReadOnlyList<AggregateExpr> Aggregates()
    {
        var amount = Expr.Col("payment.amount", ExprType.Float64);
        var created = Expr.Col("payment.created_at", ExprType.Timestamp);
        var asOf = Expr.Col(AggregateExpr.AsOfColumn, ExprType.Timestamp);
        AggregateExpr Agg(AggregateKind kind, Expr? value, Expr? filter, ExprType type, bool nullable = false, bool distinct = false)
            => new(kind, "payments", "payment", value, filter, null, false, distinct, false, type, nullable);
        Expr Since(int days) => Expr.Call("ge", created, Expr.Sub(asOf, Expr.Lit(TimeSpan.FromDays(days))));
        return
        [
            Agg(AggregateKind.Count, null, null, ExprType.Int32),
            Agg(AggregateKind.Sum, amount, null, ExprType.Float64),
            Agg(AggregateKind.Count, null, Expr.Call("gt", amount, Expr.Lit(500.0)), ExprType.Int64),
            Agg(AggregateKind.Average, amount, null, ExprType.Float64, nullable: true),
            Agg(AggregateKind.Max, amount, null, ExprType.Float64, nullable: true),
            Agg(AggregateKind.Count, null, Expr.Call("eq", Expr.Col("payment.kind", ExprType.Utf8), Expr.Lit("refund")), ExprType.Int32),
            Agg(AggregateKind.Count, Expr.Col("payment.merchant_id", ExprType.Int64), null, ExprType.Int32, distinct: true),
            Agg(AggregateKind.Count, null, Since(7), ExprType.Int32),
            Agg(AggregateKind.Count, null, Since(30), ExprType.Int32),
            Agg(AggregateKind.Count, null, Since(90), ExprType.Int32),
        ];
    }

    public static long Micros(DateTime t) => (t - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    // SplitMix64's finalizer: a cheap, well-mixed deterministic hash of the row number.
    private static ulong Hash(long i)
    {
        ulong z = unchecked((ulong)i * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static TArray Fixed<TArray, T>(IArrowType type, T[] values) where TArray : IArrowArray where T : unmanaged
        => (TArray)ArrowArrayFactory.BuildArray(new ArrayData(type, values.Length, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(MemoryMarshal.AsBytes(values.AsSpan()).ToArray())]));

    private static StringArray Kinds(bool[] refund)
    {
        var offsets = new int[refund.Length + 1];
        var bytes = new List<byte>(refund.Length * 8);
        for (int i = 0; i < refund.Length; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(refund[i] ? "refund" : "purchase"));
            offsets[i + 1] = bytes.Count;
        }
        return (StringArray)ArrowArrayFactory.BuildArray(new ArrayData(StringType.Default, refund.Length, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()), new ArrowBuffer(bytes.ToArray())]));
    }
}
