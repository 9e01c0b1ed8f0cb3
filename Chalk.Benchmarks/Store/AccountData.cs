using System.Globalization;
using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Store;

namespace Chalk.Benchmarks.Store;

/// <summary>Generates the accounts' payments inside DuckDB (hashes of the row number, times in the year before now, so
/// every window holds rows), and builds engines over them with or without an online store.</summary>
internal static class AccountData
{
    /// <summary>How many accounts the benchmarks query and materialize: each query names one of them, in turn.</summary>
    public const int QueriedAccounts = 2000;

    private const string PaymentsSql = "-- resolves: AccountPayment\n-- source: bench\nselect id, account_id, merchant_id, amount, kind, created_at from account_payments\n";

    private static readonly string[] s_windows = ["1d", "7d", "14d", "30d", "90d", "180d"];

    /// <summary>The 50 features every query asks for: the plain aggregates, then each windowed method in every window.</summary>
    public static readonly string[] Outputs =
    [
        "account.payment_count", "account.total_amount", "account.average_amount", "account.max_amount", "account.min_amount",
        "account.big_payments", "account.small_payments", "account.refund_count", "account.refund_total", "account.distinct_merchants",
        "account.distinct_refund_merchants", "account.any_refund", "account.all_under_thousand", "account.last_amount",
        .. Windowed("recent_count"), .. Windowed("recent_amount"), .. Windowed("recent_refunds"),
        .. Windowed("recent_big_payments"), .. Windowed("recent_max_amount"), .. Windowed("recent_merchants"),
    ];

    /// <summary>The benchmark's sizes: 100,000 accounts and 10M payments, or <c>CHALK_BENCH_ACCOUNTS</c> /
    /// <c>CHALK_BENCH_ACCOUNT_PAYMENTS</c> (e.g. 100000 payments for a quick check).</summary>
    public static (int Accounts, int Payments) Sizes()
        => (Read("CHALK_BENCH_ACCOUNTS", 100_000), Read("CHALK_BENCH_ACCOUNT_PAYMENTS", 10_000_000));

    /// <summary>The account id of the <paramref name="n"/>-th query: the queried accounts spread over the whole id range.</summary>
    public static long AccountOf(long n, int accounts)
        => 1 + n % Math.Min(QueriedAccounts, accounts) * Math.Max(1, accounts / QueriedAccounts);

    /// <summary>An in-memory DuckDB with the generated payments (the engine does not own it).</summary>
    public static async Task<DuckDbSource> CreateSourceAsync(int accounts, int payments)
    {
        var source = new DuckDbSource("Data Source=:memory:");
        // Times end at a whole second before now: the engine's windows end at the query's time.
        var end = DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                create or replace table account_payments as
                select i::BIGINT as id,
                       (hash(i) % {accounts} + 1)::BIGINT as account_id,
                       (hash(i * 7) % 500)::BIGINT as merchant_id,
                       ((hash(i * 13) % 100000) / 100.0)::DOUBLE as amount,
                       case when hash(i * 17) % 10 = 0 then 'refund' else 'purchase' end as kind,
                       TIMESTAMP '{end}' - to_seconds((hash(i * 31) % (365 * 86400))::BIGINT) as created_at
                from range(1, {payments + 1}) t(i);
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        return source;
    }

    /// <summary>An engine over <paramref name="source"/>; <paramref name="store"/> null: no online store at all.</summary>
    public static ChalkEngine BuildEngine(DuckDbSource source, IOnlineStore? store)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Account), typeof(AccountPayment))
            .AddSource("bench", source, disposeWithEngine: false)
            .AddSqlResolver("account_payments.chalk.sql", PaymentsSql);
        return (store is null ? builder.WithoutOnlineStore() : builder.WithOnlineStore(store, disposeWithEngine: false)).Build();
    }

    /// <summary>The queried accounts' ids as a batch, the input of a materialization.</summary>
    public static RecordBatch QueriedIds(int accounts)
    {
        var ids = new Int64Array.Builder();
        for (int n = 0; n < Math.Min(QueriedAccounts, accounts); n++) ids.Append(AccountOf(n, accounts));
        var array = ids.Build();
        return new RecordBatch(new Schema([new Field("account.id", array.Data.DataType, false)], null), [array], array.Length);
    }

    private static IEnumerable<string> Windowed(string feature) => s_windows.Select(w => $"account.{feature}[{w}]");

    private static int Read(string variable, int fallback)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
