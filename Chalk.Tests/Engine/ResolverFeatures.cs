namespace Chalk.Tests.Engine.Resolvers;

[Features]
public class Shop
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public double TaxRate { get; init; }
}

[Features]
public class Order
{
    public long Id { get; init; }
    public long ShopId { get; init; }
    public double Subtotal { get; init; }
    public double? Discount { get; init; }
    public int Quantity { get; init; }
    public Shop? Shop { get; init; }
    public double Total { get; init; }
    public double UnitPrice { get; init; }
    public string Label { get; init; } = "";
    public double Tax { get; init; }
    public double Net { get; init; }
    public string Summary { get; init; } = "";
    public double PerItem => Subtotal / Quantity;
    public int Risky => checked(100 / (Quantity - 3));
}

public static class OrderResolvers
{
    [Resolver(Output = "order.total")]
    public static double Total(double subtotal, double? discount) => Math.Max(subtotal - (discount ?? 0), 0);

    [Resolver(Outputs = ["order.unit_price", "order.label"])]
    public static (double, string) PriceAndLabel(double subtotal, int quantity) =>
        quantity == 0 ? throw new InvalidOperationException("an order needs at least one item") : (subtotal / quantity, quantity + " items");

    [Resolver(Output = "order.tax")]
    public static double Tax(double total, [Feature("order.shop.tax_rate")] double rate) => Math.Round(total * rate, 2);

    [Resolver(Outputs = ["order.net", "order.summary"])]
    public static Order NetAndSummary(double total, double tax, [Feature("order.shop.name")] string shop) =>
        new() { Net = total - tax, Summary = $"{shop}: {total:0.00}" };
}
