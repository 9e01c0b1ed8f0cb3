using Chalk.Sql.Sources;

namespace Chalk.Benchmarks.Aggregation;

/// <summary>Generates the benchmark's buyers and payments inside DuckDB, deterministically (hashes of the row number).</summary>
internal static class AggregationData
{
    /// <summary>The hand-written query the engine is measured against: the same ten columns, as of each key row's time.</summary>
    public const string HandWritten = """
        select k.id,
          count(p.id)::INTEGER,
          coalesce(sum(p.amount), 0),
          count(p.id) filter (where p.amount > 500),
          avg(p.amount),
          max(p.amount),
          count(p.id) filter (where p.kind = 'refund')::INTEGER,
          count(distinct p.merchant_id)::INTEGER,
          count(p.id) filter (where p.created_at >= k.ts - interval 7 day)::INTEGER,
          count(p.id) filter (where p.created_at >= k.ts - interval 30 day)::INTEGER,
          count(p.id) filter (where p.created_at >= k.ts - interval 90 day)::INTEGER
        from bench_keys k left join payments p on p.buyer_id = k.id and p.created_at <= k.ts
        group by k.id
        """;

    public static readonly string[] Outputs =
    [
        "buyer.payment_count", "buyer.total_spend", "buyer.big_orders", "buyer.average_amount", "buyer.max_amount",
        "buyer.refund_count", "buyer.distinct_merchants", "buyer.recent_payments[7d]", "buyer.recent_payments[30d]", "buyer.recent_payments[90d]",
    ];

    public const string PaymentsSql = "-- resolves: Payment\n-- source: bench\nselect id, buyer_id, merchant_id, amount, kind, created_at from payments\n";

    public static readonly DateTime Start = new(2026, 1, 1);

    /// <summary>Each buyer's as-of time: spread over half a year, so windows and visibility differ per row.</summary>
    public static DateTime AsOf(long id) => Start.AddDays(180 + id % 180);

    /// <summary>The benchmark's sizes: 1M buyers × 10M payments, or <c>CHALK_BENCH_BUYERS</c> / <c>CHALK_BENCH_PAYMENTS</c>.</summary>
    public static (int Buyers, int Payments) Sizes()
        => (int.Parse(Environment.GetEnvironmentVariable("CHALK_BENCH_BUYERS") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Environment.GetEnvironmentVariable("CHALK_BENCH_PAYMENTS") ?? "10000000", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An in-memory database with the generated data and an engine over it (the engine does not own the source).</summary>
    /// <param name="buyers">Buyers.</param>
    /// <param name="payments">Payments.</param>
    /// <param name="indexBuyer">Index payments.buyer_id, so one buyer's rows are read through it.</param>
    public static (DuckDbSource Source, ChalkEngine Engine) Open(int buyers, int payments, bool indexBuyer = false)
    {
        var source = new DuckDbSource("Data Source=:memory:");
        CreateAsync(source, buyers, payments).GetAwaiter().GetResult();
        if (indexBuyer)
        {
            source.UseConnectionAsync(c =>
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "create index payments_buyer_id on payments (buyer_id)";
                cmd.ExecuteNonQuery();
                return Task.CompletedTask;
            }).GetAwaiter().GetResult();
        }
        var engine = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Buyer), typeof(Payment))
            .AddSource("bench", source, disposeWithEngine: false)
            .AddSqlResolver("payments.chalk.sql", PaymentsSql)
            .Build();
        return (source, engine);
    }

    public static async Task CreateAsync(DuckDbSource source, int buyers, int payments)
    {
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                create or replace table payments as
                select i::BIGINT as id,
                       (hash(i) % {buyers} + 1)::BIGINT as buyer_id,
                       (hash(i * 7) % 500)::BIGINT as merchant_id,
                       ((hash(i * 13) % 100000) / 100.0)::DOUBLE as amount,
                       case when hash(i * 17) % 10 = 0 then 'refund' else 'purchase' end as kind,
                       TIMESTAMP '2026-01-01' + to_seconds((hash(i * 31) % (365 * 86400))::BIGINT) as created_at
                from range(1, {payments + 1}) t(i);
                create or replace table bench_keys as
                select i::BIGINT as id, TIMESTAMP '2026-01-01' + to_days((180 + i % 180)::INTEGER) as ts
                from range(1, {buyers + 1}) t(i);
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
    }
}
