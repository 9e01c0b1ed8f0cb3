namespace Chalk.Tests.LiftingAssets.Aggregates;

/// <summary>LINQ over has-many relations that lifts to aggregate nodes (see docs/aggregations.md).</summary>
public class AggregateShapes : Shop
{
    public int CountAll => Reviews.Count();

    public int CountProperty => Reviews.Count;

    public int CountWhere => Reviews.Count(r => r.Rating >= 4);

    public long LongCountWhere => Reviews.LongCount(r => r.Verified);

    public int WhereThenCount => Reviews.Where(r => r.Verified).Where(r => r.Kind == "text").Count();

    public int SumInt => Reviews.Sum(r => r.Rating);

    public int? SumNullableInt => Reviews.Sum(r => r.Stars);

    public long SumLong => Reviews.Sum(r => r.Votes);

    public float SumFloat => Reviews.Sum(r => r.Weight);

    public double SumDouble => Orders.Sum(o => o.Total);

    public double AverageInt => Reviews.Average(r => r.Rating);

    public double? AverageNullableInt => Reviews.Average(r => r.Stars);

    public double AverageLong => Reviews.Average(r => r.Votes);

    public float AverageFloat => Reviews.Average(r => r.Weight);

    public float? AverageNullableFloat => Reviews.Average(r => r.Boost);

    public double? AverageCastToNullable => Reviews.Average(r => (double?)r.Score);

    public int MinInt => Reviews.Min(r => r.Rating);

    public long? MaxNullableLong => Reviews.Max(r => r.Likes);

    public double MaxDouble => Reviews.Max(r => r.Score);

    public DateTime LatestReview => Reviews.Max(r => r.CreatedAt);

    public double SelectThenAverage => Reviews.Where(r => r.Verified).Select(r => r.Score).Average();

    public int SelectThenSum => Reviews.Select(r => r.Rating * 2).Sum();

    public int DistinctCount => Reviews.Where(r => r.Kind == "inquiry").Select(r => r.ProductId).Distinct().Count();

    public bool AnyAll => Reviews.Any();

    public bool AnyWhere => Reviews.Any(r => r.Rating == 1);

    public bool AllVerified => Reviews.All(r => r.Verified);

    public bool WhereThenAll => Reviews.Where(r => r.Kind == "text").All(r => r.Rating > 2);

    public double? MostRecentScore => Reviews.MaxBy(r => r.CreatedAt)?.Score;

    public int? LowestRatedStars => Reviews.MinBy(r => r.Rating)?.Stars;

    public double MostRecentScoreOrThrow => Reviews.MaxBy(r => r.CreatedAt)!.Score;

    public int FirstByDateRating => Reviews.OrderBy(r => r.CreatedAt).First().Rating;

    public int? LastByDateOrDefault => Reviews.OrderBy(r => r.CreatedAt).LastOrDefault()?.Rating;

    public double? NewestFirstOrDefault => Reviews.OrderByDescending(r => r.CreatedAt).FirstOrDefault()?.Score;

    public int FirstInRowOrder => Reviews.First().Rating;

    public int LastInRowOrder => Reviews.Last().Rating;

    public int FirstWithPredicate => Reviews.First(r => r.Verified).Rating;

    public int FirstSelected => Reviews.OrderBy(r => r.CreatedAt).Select(r => r.Rating).FirstOrDefault();

    public int CountComputedChild => Reviews.Count(r => r.IsPositive);

    public int CountViaHasOne => Owner!.Reviews.Count();

    public static bool IsGood(Review r) => r.Rating > 3;

    public int MethodGroup => Reviews.Count(IsGood);

    public int StaticLambda => Reviews.Count(static r => r.Rating > 3);

    public int WhereAfterSelect => Reviews.Select(r => r.Rating).Where(x => x > 3).Count();

    public int MaxOfSelected => Reviews.Select(r => r.Rating).Max();

    public int? SumOfSelectedNullable => Reviews.Select(r => r.Stars).Sum();

    public int DistinctSum => Reviews.Select(r => r.Rating).Distinct().Sum();

    public int OrderIgnoredByCount => Reviews.OrderBy(r => r.CreatedAt).Count(r => r.Verified);

    public double? FilteredMostRecent => Reviews.Where(r => r.Verified).MaxBy(r => r.CreatedAt)?.Score;

    public int PickedRowTwice
    {
        get
        {
            var newest = Reviews.MaxBy(r => r.CreatedAt);
            return newest is null ? -1 : newest.Rating + newest.Rating;
        }
    }

    public int CountNullablePredicate => Reviews.Count(r => r.Stars > 3);

    public bool AllNullablePredicate => Reviews.All(r => r.Stars >= 2);

    public int? MaxByNullableKey => Reviews.MaxBy(r => r.Boost)?.Rating;

    public string? LastKindByScore => Reviews.OrderByDescending(r => r.Score).LastOrDefault()?.Kind;

    public double? FirstHelpfulness => Reviews.OrderBy(r => r.Helpfulness).FirstOrDefault()?.Helpfulness;

    public int LastSelectedWithPredicate => Reviews.Select(r => r.Rating).Last(x => x > 2);
}
