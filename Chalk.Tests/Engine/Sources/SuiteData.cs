using System.Globalization;
using System.Text;

namespace Chalk.Tests.Engine.Sources;

/// <summary>The suite's seeded rows, written once: the portable DDL and inserts every source runs, the
/// <c>.chalk.sql</c> files every engine loads, and the expected feature values computed in C# from the same rows.</summary>
internal static class SuiteData
{
    public sealed record StoreRow(long Id, string Name, string? Country, DateTime OpenedAt, double? Rating, bool IsOpen);

    public sealed record CustomerRow(long Id, long StoreId, string Name, string? Email, bool IsVip, bool? Newsletter, long Visits, long? Age,
        double Balance, double? CreditLimit, DateTime JoinedAt, DateTime? LastSeenAt);

    public sealed record PurchaseRow(long Id, long CustomerId, double Amount, long Quantity, string? Note, bool Gift, DateTime PurchasedAt, DateTime? RefundedAt);

    public const string Hostile = "Robert'); drop table customers; --";

    public static readonly StoreRow[] Stores =
    [
        new(1, "Corner Shop", "DE", T("2019-05-01 08:00:00"), 4.5, true),
        new(2, "Café Zoë — 東京店", null, T("2020-02-29 23:59:59.999999"), null, false),
        new(3, "O'Brien's \"Quotes\" \\ back`tick", "IE", T("1999-12-31 00:00:00"), 3.25, true),
    ];

    public static readonly CustomerRow[] Customers =
    [
        new(1, 1, "Ada", "ada@example.com", true, true, 10, 36, 100.5, 1000.0, T("2021-01-01 00:00:00"), T("2024-06-01 12:00:00.5")),
        new(2, 2, "Zoë Ünïcødé 😀 ß", null, false, null, 0, null, -3.75, null, T("2022-02-02 02:02:02.123456"), null),
        new(3, 3, Hostile, "'; drop table stores; --@evil.test", false, false, 5, 99, 0.0, 50.25, T("2023-03-03 03:03:03"), T("2023-03-04 00:00:00")),
        new(4, 9, "${customer.id}", "x@${customer.email}", true, null, 1, 20, 1e10, null, T("1970-01-01 00:00:00"), null),
        new(5, 1, "No Purchases", "none@example.com", false, true, 7, 41, 7.0, 7.0, T("2024-12-31 23:59:59"), null),
    ];

    public static readonly PurchaseRow[] Purchases =
    [
        new(1, 1, 10.5, 1, "first", false, T("2021-02-01 10:00:00"), null),
        new(2, 1, 20.25, 2, null, true, T("2021-03-01 10:00:00"), T("2021-03-05 00:00:00")),
        new(3, 2, 99.99, 3, "für dich ♥", true, T("2022-03-01 00:00:00.000001"), null),
        new(4, 3, 0.01, 100, "' or 1=1 --", false, T("2023-04-01 00:00:00"), null),
        new(5, 1, 5.0, 1, "", false, T("2021-04-01 00:00:00"), null),
        new(6, 4, 1.0, 1, null, false, T("2020-01-02 00:00:00"), null),
    ];

    /// <summary>A customer id that has no row.</summary>
    public const long Missing = 42;

    public const string StoresFile = "stores.chalk.sql";
    public const string CustomersFile = "customers.chalk.sql";
    public const string PurchasesFile = "purchases.chalk.sql";
    public const string ByEmailFile = "customers_by_email.chalk.sql";

    /// <summary>The resolvers, identical for every source: a table file (stores, filtered by the engine by id), a lookup
    /// (customers), a table file fetched per customer (purchases, a has-many) and a lookup by a string.</summary>
    public static readonly (string Name, string Text)[] Resolvers =
    [
        (StoresFile, "-- resolves: Store\n-- source: db\n-- description: every store; the engine filters it by id\nselect id, name, country, opened_at, rating, is_open\nfrom stores\n"),
        (CustomersFile, "-- resolves: Customer\n-- source: db\n-- count: 1\nselect id, store_id, name, email, is_vip, newsletter, visits, age, balance, credit_limit, joined_at, last_seen_at\nfrom customers\nwhere id = ${customer.id}\n"),
        (PurchasesFile, "-- resolves: Purchase\n-- source: db\nselect id, customer_id, amount, quantity, note, gift, purchased_at, refunded_at\nfrom purchases\n"),
        (ByEmailFile, "-- resolves: Customer\n-- source: db\n-- count: 1\nselect id, name, visits\nfrom customers\nwhere email = ${customer.email}\n"),
    ];

    /// <summary>Portable DDL and inserts: DuckDB, SQLite and PostgreSQL all read it the same way.</summary>
    public static IEnumerable<string> Seed()
    {
        yield return "create table stores (id bigint primary key, name text not null, country text, opened_at timestamp not null, rating double precision, is_open boolean not null)";
        yield return "create table customers (id bigint primary key, store_id bigint not null, name text not null, email text, is_vip boolean not null, newsletter boolean, "
            + "visits bigint not null, age bigint, balance double precision not null, credit_limit double precision, joined_at timestamp not null, last_seen_at timestamp)";
        yield return "create table purchases (id bigint primary key, customer_id bigint not null, amount double precision not null, quantity bigint not null, note text, "
            + "gift boolean not null, purchased_at timestamp not null, refunded_at timestamp)";
        yield return Insert("stores", Stores.Select(s => new object?[] { s.Id, s.Name, s.Country, s.OpenedAt, s.Rating, s.IsOpen }));
        yield return Insert("customers", Customers.Select(c => new object?[]
        {
            c.Id, c.StoreId, c.Name, c.Email, c.IsVip, c.Newsletter, c.Visits, c.Age, c.Balance, c.CreditLimit, c.JoinedAt, c.LastSeenAt,
        }));
        yield return Insert("purchases", Purchases.Select(p => new object?[] { p.Id, p.CustomerId, p.Amount, p.Quantity, p.Note, p.Gift, p.PurchasedAt, p.RefundedAt }));
    }

    /// <summary>Every scalar, has-one, has-many, C# resolver and computed feature of a customer the suite asks for.</summary>
    public static readonly string[] CustomerOutputs =
    [
        "customer.store_id", "customer.name", "customer.email", "customer.is_vip", "customer.newsletter", "customer.visits", "customer.age",
        "customer.balance", "customer.credit_limit", "customer.joined_at", "customer.last_seen_at",
        "customer.store.name", "customer.store.country", "customer.store.opened_at", "customer.store.rating", "customer.store.is_open",
        "customer.purchase_count", "customer.total_spent", "customer.gift_count",
        "customer.greeting", "customer.email_domain", "customer.name_length", "customer.is_regular",
    ];

    /// <summary>The expected value of each of <see cref="CustomerOutputs"/> for a customer id, from the seeded rows.</summary>
    /// <remarks>A missing customer has every feature null, its purchase counts and sums included (it is not a customer
    /// with no purchases), and no C# resolver is called for it.</remarks>
    public static Dictionary<string, object?> Expected(long id)
    {
        var c = Customers.SingleOrDefault(r => r.Id == id);
        var s = c is null ? null : Stores.SingleOrDefault(r => r.Id == c.StoreId);
        var bought = Purchases.Where(p => p.CustomerId == id).ToList();
        return new Dictionary<string, object?>
        {
            ["customer.store_id"] = c?.StoreId,
            ["customer.name"] = c?.Name,
            ["customer.email"] = c?.Email,
            ["customer.is_vip"] = c?.IsVip,
            ["customer.newsletter"] = c?.Newsletter,
            ["customer.visits"] = c?.Visits,
            ["customer.age"] = c?.Age,
            ["customer.balance"] = c?.Balance,
            ["customer.credit_limit"] = c?.CreditLimit,
            ["customer.joined_at"] = c?.JoinedAt,
            ["customer.last_seen_at"] = c?.LastSeenAt,
            ["customer.store.name"] = s?.Name,
            ["customer.store.country"] = s?.Country,
            ["customer.store.opened_at"] = s?.OpenedAt,
            ["customer.store.rating"] = s?.Rating,
            ["customer.store.is_open"] = s?.IsOpen,
            ["customer.purchase_count"] = c is null ? null : (long)bought.Count,
            ["customer.total_spent"] = c is null ? null : bought.Sum(p => p.Amount),
            ["customer.gift_count"] = c is null ? null : (long)bought.Count(p => p.Gift),
            ["customer.greeting"] = c is null || s is null ? null : SuiteResolvers.Greeting(c.Name, s.Name),
            ["customer.email_domain"] = c is null ? null : SuiteResolvers.EmailDomain(c.Email),
            ["customer.name_length"] = c is null ? null : (long)c.Name.Length,
            ["customer.is_regular"] = c is null ? null : c.Visits >= 5 && !c.IsVip,
        };
    }

    /// <summary>Timestamps compare by instant: the engine reads them as UTC, the seed writes them without a zone.</summary>
    public static object? Normalize(object? value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Unspecified),
        DateTimeOffset o => DateTime.SpecifyKind(o.UtcDateTime, DateTimeKind.Unspecified),
        _ => value,
    };

    private static DateTime T(string text) => DateTime.ParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static string Insert(string table, IEnumerable<object?[]> rows)
    {
        var sql = new StringBuilder("insert into ").Append(table).Append(" values ");
        sql.AppendJoin(", ", rows.Select(r => "(" + string.Join(", ", r.Select(Literal)) + ")"));
        return sql.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => "'" + t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'",
        _ => throw new ArgumentException($"no literal for {value.GetType()}", nameof(value)),
    };
}
