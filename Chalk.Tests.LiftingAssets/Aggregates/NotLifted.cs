namespace Chalk.Tests.LiftingAssets.Aggregates;

/// <summary>LINQ shapes over relations the lifter refuses, each with a reason.</summary>
public class NotLifted : Shop
{
    public int ReadsThis => Reviews.Count(r => r.Score > Threshold);

    public int ReadsThisInClosure()
    {
        int min = 3;
        return Reviews.Count(r => r.Rating >= min && r.Score > Threshold);
    }

    public int CapturesParentColumn()
    {
        double t = Threshold;
        return Reviews.Count(r => r.Score > t);
    }

    public int UsesAggregate => Reviews.Select(r => r.Rating).Aggregate(0, (a, b) => a + b);

    public int UsesSkip => Reviews.Skip(1).Count();

    public int UsesTake => Reviews.Take(3).Count();

    public int ForLoop
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Reviews.Count; i++) n += Reviews[i].Rating;
            return n;
        }
    }

    public int ForEach
    {
        get
        {
            int n = 0;
            foreach (var r in Reviews) n += r.Rating;
            return n;
        }
    }

    public int Indexer => Reviews[0].Rating;

    public int ThenBy => Reviews.OrderBy(r => r.Rating).ThenBy(r => r.Id).First().Rating;

    public int DistinctRows => Reviews.Distinct().Count();

    public int InvokesDelegate
    {
        get
        {
            Func<Review, bool> f = r => r.Verified;
            return Reviews.Count(r => f(r));
        }
    }
}
