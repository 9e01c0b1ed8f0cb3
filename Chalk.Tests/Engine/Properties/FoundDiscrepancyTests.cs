using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Wrong answers the random graphs found that are not about missing rows, each reduced by hand to a small
/// case: lifting on must answer what the compiled C# answers (and what lifting off answers).</summary>
[Category("Properties")]
public sealed class FoundDiscrepancyTests
{
    private const string Classes = """
        #nullable enable
        using System.Linq;
        using Chalk;
        namespace Chalk.Generated;

        [Features]
        public class Shop
        {
            [Primary] public long Id { get; init; }
            public long Rank { get; init; }
            public DataFrame<Sale> Sales { get; init; } = [];
            public long BestBigSale => Sales.Any(s => s.Amount > 100L) ? Sales.Where(s => s.Amount > 100L).Max(s => s.Amount) : -1L;
            public long SmallestIfRanked => Rank > 15L ? Sales.Min(s => s.Amount) : -1L;
        }

        [Features]
        public class Sale
        {
            [Primary] public long Id { get; init; }
            public long ShopId { get; init; }
            public Shop? Shop { get; init; }
            public long Amount { get; init; }
            public long Twice { get; init; }
            public long AmountTwice { get; init; }
        }

        public static class SaleResolvers
        {
            [Resolver(Output = "sale.twice")]
            public static long Twice([Feature("sale.shop.rank")] long a, [Feature("sale.shop.rank")] long b) => a + b;

            [Resolver(Output = "sale.amount_twice")]
            public static long AmountTwice([Feature("sale.amount")] long a, [Feature("sale.amount")] long b) => a + b;
        }
        """;

    private const string Seed = """
        create table shop (id bigint, rank bigint);
        insert into shop values (1, 10), (2, 20), (3, 30), (4, 5);
        create table sale (id bigint, shop_id bigint, amount bigint);
        insert into sale values (1, 1, 5), (2, 1, 200), (3, 2, 5);
        """;

    private static async Task<(ChalkEngine Lifted, ChalkEngine PerRow, DuckDbSource Source)> BuildAsync()
    {
        var assembly = GraphCompiler.Compile(Classes, optimize: true);
        var source = await ScratchDuckDb.CreateAsync(Seed);
        ChalkEngine Build(bool lifting)
        {
            var builder = ChalkEngine.CreateBuilder().AddFeatures(assembly.GetTypes()).AddSource("db", source, disposeWithEngine: false)
                .AddSqlResolver("shop.chalk.sql", "-- resolves: Shop\nselect id, rank from shop\n")
                .AddSqlResolver("sale.chalk.sql", "-- resolves: Sale\nselect id, shop_id, amount from sale\n");
            if (!lifting) builder.DisableLifting();
            return builder.Build();
        }
        return (Build(true), Build(false), source);
    }

    [TestCase(1L, 200L)]
    [TestCase(2L, -1L)]
    [TestCase(3L, -1L)]
    public async Task A_max_guarded_by_any_over_the_same_filter_is_only_evaluated_where_the_guard_holds(long shop, long expected)
    {
        var (lifted, perRow, source) = await BuildAsync();
        await using var _ = source;
        await using var __ = lifted;
        await using var ___ = perRow;
        foreach (var engine in new[] { perRow, lifted })
        {
            var result = await engine.QueryAsync(new Dictionary<string, object?> { ["shop.id"] = shop }, ["shop.best_big_sale"]);
            Assert.That(result.Errors, Is.Empty, engine == lifted ? "lifted" : "per row");
            Assert.That(result["shop.best_big_sale"], Is.EqualTo(expected), engine == lifted ? "lifted" : "per row");
        }
    }

    [TestCase(1L, -1L)]
    [TestCase(2L, 5L)]
    [TestCase(4L, -1L)]
    public async Task A_min_in_a_conditional_branch_not_taken_is_not_evaluated(long shop, long expected)
    {
        var (lifted, perRow, source) = await BuildAsync();
        await using var _ = source;
        await using var __ = lifted;
        await using var ___ = perRow;
        foreach (var engine in new[] { perRow, lifted })
        {
            var result = await engine.QueryAsync(new Dictionary<string, object?> { ["shop.id"] = shop }, ["shop.smallest_if_ranked"]);
            Assert.That(result.Errors, Is.Empty, engine == lifted ? "lifted" : "per row");
            Assert.That(result["shop.smallest_if_ranked"], Is.EqualTo(expected), engine == lifted ? "lifted" : "per row");
        }
    }

    [TestCase("sale.twice", 20L)]
    [TestCase("sale.amount_twice", 400L)]
    public async Task A_resolver_with_two_parameters_bound_to_one_feature_gets_it_in_both(string output, long expected)
    {
        var (lifted, perRow, source) = await BuildAsync();
        await using var _ = source;
        await using var __ = lifted;
        await using var ___ = perRow;
        foreach (var engine in new[] { perRow, lifted })
        {
            var result = await engine.QueryAsync(new Dictionary<string, object?> { ["sale.id"] = 2L }, [output]);
            Assert.That(result[output], Is.EqualTo(expected), engine == lifted ? "lifted" : "per row");
        }
    }
}
