namespace Chalk.Tests.Docs;

/// <summary>Compares output shown in a doc with the real output: line by line, a line <c>...</c> standing for any lines.</summary>
internal static class OutputMatch
{
    public const string AnyLines = "...";

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="shown"/>; otherwise what differs.</summary>
    public static string? Whole(string shown, string actual)
    {
        var s = Lines(shown);
        var a = Lines(actual);
        return Matches(s, 0, a, 0) ? null : Describe(s, a);
    }

    /// <summary>Null when the shown lines appear, in order and next to each other, somewhere in <paramref name="actual"/>.</summary>
    /// <remarks>An excerpt may be shown without the indentation it has in the output, so leading spaces are ignored.</remarks>
    public static string? Excerpt(string shown, string actual)
    {
        var s = Lines(shown).Select(l => l.TrimStart()).ToList();
        var a = Lines(actual).Select(l => l.TrimStart()).ToList();
        for (int start = 0; start <= a.Count; start++)
        {
            if (Matches([.. s, AnyLines], 0, a, start)) return null;
        }
        return $"the lines shown are not in the real output:\n--- shown\n{string.Join('\n', s)}\n--- real\n{string.Join('\n', a)}";
    }

    private static List<string> Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        return lines;
    }

    private static bool Matches(IReadOnlyList<string> shown, int si, IReadOnlyList<string> actual, int ai)
    {
        if (si == shown.Count) return ai == actual.Count;
        if (shown[si].Trim() == AnyLines)
        {
            for (int skip = ai; skip <= actual.Count; skip++)
            {
                if (Matches(shown, si + 1, actual, skip)) return true;
            }
            return false;
        }
        return ai < actual.Count && shown[si] == actual[ai] && Matches(shown, si + 1, actual, ai + 1);
    }

    private static string Describe(List<string> shown, List<string> actual)
    {
        int first = 0;
        while (first < shown.Count && first < actual.Count && shown[first] == actual[first]) first++;
        return $"the output shown differs from the real output from line {first + 1}:\n--- shown\n{string.Join('\n', shown)}\n--- real\n{string.Join('\n', actual)}";
    }
}
