namespace Chalk;

/// <summary>Finds the valid names nearest to a misspelled one, for "did you mean" hints.</summary>
public static class Suggest
{
    /// <summary>The candidates within a small edit distance of <paramref name="name"/>, nearest first (at most <paramref name="max"/>).</summary>
    public static IReadOnlyList<string> Nearby(string name, IEnumerable<string> candidates, int max = 3)
    {
        int limit = Math.Max(2, name.Length / 3);
        return candidates
            .Select(c => (c, d: Distance(name, c)))
            .Where(x => x.d <= limit || x.c.EndsWith("." + name, StringComparison.Ordinal) || x.c.Contains(name, StringComparison.Ordinal))
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal)
            .Take(max).Select(x => x.c).ToList();
    }

    /// <summary>The single nearest candidate, or null when none is close.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates) => Nearby(name, candidates, 1).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
