namespace Chalk.Benchmarks.Lifting;

/// <summary>The methods the lifting benchmarks lift: the seed's compute_total and five shapes.</summary>
public static class BenchmarkMethods
{
    public static double ComputeTotal(double subtotal, double? discount, double? taxRate, bool taxable)
    {
        if (discount is not null) subtotal = Math.Max(subtotal - discount.Value, 0.0);
        if (!taxable || taxRate is null) return subtotal;
        return subtotal * (1.0 + taxRate.Value);
    }

    public static double Branchy(int score, bool vip, double amount)
    {
        double rate = score switch
        {
            < 300 => 0.0,
            < 600 => 0.05,
            < 750 => 0.1,
            _ => 0.15,
        };
        if (vip) rate += 0.05;
        if (amount > 10_000) return amount * (1 - rate) - 100;
        return amount < 0 ? 0 : amount * (1 - rate);
    }

    public static string StringShape(string? name, string? city)
    {
        if (string.IsNullOrWhiteSpace(name)) return "anonymous";
        var n = name.Trim().ToUpperInvariant();
        return city is not null && city.StartsWith("San", StringComparison.Ordinal) ? n + " (CA)" : n + "/" + (city ?? "?");
    }

    public static int DateShape(DateTime created, DateTime now)
    {
        var age = now - created;
        if (age > TimeSpan.FromDays(365)) return created.Year;
        bool weekend = created.DayOfWeek == DayOfWeek.Saturday || created.DayOfWeek == DayOfWeek.Sunday;
        return weekend ? created.DayOfYear : created.Month * 100 + created.Day;
    }

    public static double MathHeavy(double x, double y) =>
        Math.Sqrt(x * x + y * y) + Math.Log(Math.Abs(x) + 1) * Math.Exp(-Math.Abs(y) / 100) + Math.Round(Math.Pow(x, 2) / 7, 2) - Math.Floor(y / 3) + Math.Clamp(x, -50, 50);

    public static double? NullableHeavy(double? a, int? b, long? c)
    {
        if (a is null && b is null) return null;
        double x = a ?? 0;
        double y = b.GetValueOrDefault(1);
        if (c > 100) x += c.Value;
        return b.HasValue ? x * y + (a ?? y) : x - (c ?? 0);
    }
}
