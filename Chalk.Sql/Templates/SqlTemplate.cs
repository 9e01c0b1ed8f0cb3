using System.Text;

namespace Chalk.Sql.Templates;

/// <summary>
/// SQL text with numbered parameter slots in place of values. A source renders each slot in its own
/// syntax (<c>$1</c>, <c>@p1</c>, a column of a parameter table), so values are always bound, never
/// spliced into the text.
/// </summary>
public sealed class SqlTemplate
{
    private readonly IReadOnlyList<SqlSegment> _segments;

    /// <summary>Creates a template from its segments.</summary>
    /// <param name="segments">Text and parameter slots in order.</param>
    /// <param name="parameterCount">The number of distinct slots; every slot index must be below it.</param>
    public SqlTemplate(IReadOnlyList<SqlSegment> segments, int parameterCount)
    {
        foreach (var s in segments)
        {
            if (s.IsParameter && (s.ParameterIndex < 0 || s.ParameterIndex >= parameterCount))
                throw new ArgumentException($"parameter slot {s.ParameterIndex} is outside 0..{parameterCount - 1}", nameof(segments));
        }
        _segments = segments;
        ParameterCount = parameterCount;
    }

    /// <summary>The number of distinct parameter slots.</summary>
    public int ParameterCount { get; }

    /// <summary>The segments in order.</summary>
    public IReadOnlyList<SqlSegment> Segments => _segments;

    /// <summary>Renders the text, writing slot <c>i</c> (0-based) as <paramref name="slot"/> returns it.</summary>
    public string Render(Func<int, string> slot)
    {
        var sb = new StringBuilder();
        foreach (var s in _segments)
            sb.Append(s.IsParameter ? slot(s.ParameterIndex) : s.Text);
        return sb.ToString();
    }

    /// <summary>Wraps this template as a subquery: <paramref name="prefix"/> + this + <paramref name="suffix"/>, shifting nothing.</summary>
    /// <remarks>The wrapped text goes on its own lines, without a final <c>;</c>, so that a trailing line comment or
    /// terminator in a resolver's file cannot swallow or break the suffix.</remarks>
    public SqlTemplate Wrap(string prefix, IEnumerable<SqlSegment> suffix, int parameterCount)
    {
        var segments = new List<SqlSegment> { SqlSegment.Literal(prefix + "\n") };
        segments.AddRange(_segments);
        if (segments[^1] is { IsParameter: false } last) segments[^1] = SqlSegment.Literal(Sources.SqlStatementText.TrimTerminator(last.Text));
        segments.Add(SqlSegment.Literal("\n"));
        segments.AddRange(suffix);
        return new SqlTemplate(segments, Math.Max(parameterCount, ParameterCount));
    }

    /// <summary>The text with slots printed as <c>$1</c>, <c>$2</c>, …, for plans and error messages.</summary>
    public override string ToString() => Render(i => "$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>One piece of a <see cref="SqlTemplate"/>: literal text or a parameter slot.</summary>
public readonly record struct SqlSegment(string Text, int ParameterIndex)
{
    /// <summary>Whether this segment is a parameter slot rather than text.</summary>
    public bool IsParameter => ParameterIndex >= 0;

    /// <summary>A run of literal SQL text.</summary>
    public static SqlSegment Literal(string text) => new(text, -1);

    /// <summary>A parameter slot (0-based).</summary>
    public static SqlSegment Parameter(int index) => new("", index);
}
