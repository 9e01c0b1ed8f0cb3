using System.Collections.Concurrent;

namespace Chalk.Tests.Engine.Properties;

/// <summary>What the runs covered, for the survey: values compared, bodies lifted, and why the others run per row.</summary>
internal static class GraphStats
{
    private static long s_comparisons;
    private static long s_lifted;

    public static ConcurrentDictionary<string, int> FallbackReasons { get; } = new(StringComparer.Ordinal);

    public static long Comparisons => Interlocked.Read(ref s_comparisons);

    public static long Lifted => Interlocked.Read(ref s_lifted);

    public static void Compared() => Interlocked.Increment(ref s_comparisons);

    public static void Bodies(ChalkEngine engine)
    {
        foreach (var body in engine.DescribeLifting())
        {
            if (body.Lifted) Interlocked.Increment(ref s_lifted);
            else FallbackReasons.AddOrUpdate(body.Detail.Split(' ', 3) is var w && w.Length > 1 ? w[0] + " " + w[1] : body.Detail, 1, (_, n) => n + 1);
        }
    }
}
