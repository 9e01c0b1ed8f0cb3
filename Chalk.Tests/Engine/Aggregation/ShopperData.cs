using Chalk.Sql.Sources;
using DuckDB.NET.Data;

namespace Chalk.Tests.Engine.Aggregation;

/// <summary>Deterministic random shoppers and purchases, loaded into a DuckDB database and kept as objects for the LINQ oracle.</summary>
/// <remarks>
/// Purchase times are whole seconds, many of them shared, so as-of times and window starts land exactly on row times.
/// Shoppers 51–60 have no purchases; a few shoppers have quantities that overflow an int sum.
/// </remarks>
internal sealed class ShopperData
{
    public static readonly DateTime Epoch = new(2026, 6, 1, 0, 0, 0);
    private static readonly string[] Kinds = ["buy", "gift", "refund", "buy", "gift", "", "日本語"];

    public List<Purchase> Purchases { get; } = [];

    public int ShopperCount => 60;

    public static ShopperData Generate(int seed, int purchases)
    {
        var rnd = new Random(seed);
        var data = new ShopperData();
        for (int i = 1; i <= purchases; i++)
        {
            long shopper = 1 + rnd.Next(50);
            double amount = rnd.Next(20) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => 100,
                _ => Math.Round(rnd.NextDouble() * 700 - 50, 2),
            };
            int quantity = shopper % 17 == 0 ? int.MaxValue / 2 + rnd.Next(1000) : rnd.Next(-5, 50);
            data.Purchases.Add(new Purchase
            {
                Id = i,
                ShopperId = shopper,
                ProductId = rnd.Next(12),
                Amount = amount,
                Quantity = quantity,
                Stars = rnd.Next(4) == 0 ? null : rnd.Next(1, 6),
                Discount = rnd.Next(3) == 0 ? null : rnd.Next(10) == 0 ? double.NaN : Math.Round(rnd.NextDouble() * 20, 1),
                Kind = Kinds[rnd.Next(Kinds.Length)],
                CreatedAt = Epoch.AddHours(rnd.Next(24 * 60)),
            });
        }
        return data;
    }

    public async Task LoadAsync(DuckDbSource source)
    {
        await source.UseConnectionAsync(c =>
        {
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = """
                    create or replace table shoppers(id bigint, name varchar);
                    create or replace table purchases(id bigint, shopper_id bigint, product_id bigint, amount double, quantity integer,
                        stars integer, discount double, kind varchar, created_at timestamp);
                    """;
                cmd.ExecuteNonQuery();
            }
            using (var shoppers = c.CreateAppender("shoppers"))
            {
                for (long id = 1; id <= ShopperCount; id++) shoppers.CreateRow().AppendValue(id).AppendValue($"shopper {id}").EndRow();
            }
            // Rows go in shuffled, so nothing can rely on the order DuckDB happens to return them in.
            using var appender = c.CreateAppender("purchases");
            foreach (var p in Purchases.OrderBy(p => (p.Id * 7919) % 1009))
            {
                var row = appender.CreateRow().AppendValue(p.Id).AppendValue(p.ShopperId).AppendValue(p.ProductId).AppendValue(p.Amount).AppendValue(p.Quantity);
                row = p.Stars is { } s ? row.AppendValue(s) : row.AppendNullValue();
                row = p.Discount is { } d ? row.AppendValue(d) : row.AppendNullValue();
                row.AppendValue(p.Kind).AppendValue(p.CreatedAt).EndRow();
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The shopper as LINQ to objects sees it at <paramref name="asOf"/>: purchases up to that time, in key order.</summary>
    public Shopper At(long id, DateTime asOf) => new()
    {
        Id = id,
        Name = $"shopper {id}",
        Purchases = new DataFrame<Purchase>(Purchases.Where(p => p.ShopperId == id && p.CreatedAt <= asOf).OrderBy(p => p.Id)),
    };
}
