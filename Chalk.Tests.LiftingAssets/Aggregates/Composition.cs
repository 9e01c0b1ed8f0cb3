namespace Chalk.Tests.LiftingAssets.Aggregates;

/// <summary>Aggregates inside scalar expressions, closures, windows and instance methods with parameters.</summary>
public class Composition : Shop
{
    public double TotalSpend => Orders.Sum(o => o.Total);

    public int OrderCount => Orders.Count();

    public double SpendPerOrder => TotalSpend / Math.Max(OrderCount, 1);

    public double AverageOrZero => Reviews.Count > 0 ? Reviews.Average(r => r.Rating) : 0;

    public string Tier
    {
        get
        {
            if (Reviews.Count(r => r.Rating >= 4) > 10) return "gold";
            if (Reviews.Any()) return "silver";
            return "none";
        }
    }

    public int CapturedConstant()
    {
        int min = 3;
        string kind = "text";
        return Reviews.Count(r => r.Rating >= min && r.Kind == kind);
    }

    public int CapturedParameter(int min) => Reviews.Count(r => r.Rating >= min);

    public long ReviewCount(Window w) => Reviews.LongCount(r => r.CreatedAt >= w.Start);

    public double? WindowedAverage(Window w) => Reviews.Where(r => r.CreatedAt > w.Start && r.CreatedAt <= w.End).Average(r => (double?)r.Score);

    public int WindowOutsideLambda(Window w)
    {
        var start = w.Start;
        return Reviews.Count(r => r.CreatedAt >= start);
    }

    public int ThisAndLocal()
    {
        int min = 3;
        // The second lambda makes the closure capture `this` too; the aggregate's lambda reads only the local.
        Func<double> unused = () => Threshold + min;
        return Reviews.Count(r => r.Rating >= min);
    }

    public int UnusedAverage
    {
        get
        {
            // Average of no reviews throws even though its value is unused: the row must fail.
            var average = Reviews.Average(r => r.Rating);
            return Reviews.Count();
        }
    }

    public double Scaled(double factor) => TotalSpend * factor;

    public int NestedScopes()
    {
        int min = 3;
        if (Threshold > 0)
        {
            // The inner closure holds a reference to the outer one (min) besides its own variable (max).
            int max = 5;
            return Reviews.Count(r => r.Rating >= min && r.Rating <= max);
        }
        return Reviews.Count(r => r.Rating >= min);
    }
}
