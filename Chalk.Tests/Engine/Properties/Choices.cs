namespace Chalk.Tests.Engine.Properties;

/// <summary>Every decision of a generated graph, read from a tape of integers that CsCheck generates and shrinks.</summary>
/// <remarks>Choice 0 is always the simplest option and an exhausted tape reads as 0, so a shorter tape or smaller
/// numbers give a simpler graph: CsCheck's shrinking of the tape shrinks the graph, its data and its queries
/// (the approach of Hypothesis's choice sequences).</remarks>
internal sealed class Choices(int[] tape)
{
    private int _next;

    /// <summary>How many numbers were read (the rest of the tape did not matter).</summary>
    public int Used => _next;

    /// <summary>A number in [0, n); 0 when the tape is exhausted.</summary>
    public int Next(int n)
    {
        if (n <= 1) return 0;
        return _next < tape.Length ? (int)((uint)tape[_next++] % (uint)n) : Exhausted();
    }

    /// <summary>True with roughly <paramref name="percent"/>% probability; false on an exhausted tape.</summary>
    public bool Maybe(int percent) => Next(100) >= 100 - percent;

    /// <summary>One of <paramref name="items"/>, the first being the simplest.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private int Exhausted()
    {
        _next++;
        return 0;
    }
}
