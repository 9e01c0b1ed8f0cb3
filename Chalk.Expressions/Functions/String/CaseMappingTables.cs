using System.Text;

namespace Chalk.Expressions;

/// <summary>
/// .NET's invariant (and ordinal-ignore-case) simple case mappings as DuckDB <c>translate(s, from, to)</c> alphabets,
/// so SQL case mapping is .NET's own table rather than DuckDB's (which differs, e.g. <c>upper('ß')</c>).
/// </summary>
/// <remarks>
/// Built once from .NET itself: every scalar value is upper/lower-cased as part of one string, and each one whose
/// image is a different single scalar value becomes a pair. The mapping is context-free (simple case mapping), so
/// mapping each code point reproduces <see cref="string.ToUpperInvariant"/> on any string; the tests check this on
/// every code point through DuckDB.
/// </remarks>
internal static class CaseMappingTables
{
    private static readonly Lazy<(string From, string To)> s_upper = new(() => Build(s => s.ToUpperInvariant(), ordinalOnly: false));
    private static readonly Lazy<(string From, string To)> s_lower = new(() => Build(s => s.ToLowerInvariant(), ordinalOnly: false));
    private static readonly Lazy<(string From, string To)> s_ordinalUpper = new(() => Build(s => s.ToUpperInvariant(), ordinalOnly: true));

    /// <summary>The pairs of <see cref="string.ToUpperInvariant"/>.</summary>
    public static (string From, string To) Upper => s_upper.Value;

    /// <summary>The pairs of <see cref="string.ToLowerInvariant"/>.</summary>
    public static (string From, string To) Lower => s_lower.Value;

    /// <summary>The upper-casing pairs that <see cref="StringComparison.OrdinalIgnoreCase"/> treats as equal.</summary>
    public static (string From, string To) OrdinalUpper => s_ordinalUpper.Value;

    /// <summary>DuckDB's <c>translate(value, from, to)</c> with one of these alphabets.</summary>
    /// <remarks>DuckDB's upper/lower use its own Unicode tables (<c>upper('ß') = 'ẞ'</c>); translate() applies .NET's table instead.</remarks>
    public static string DuckDbTranslate(SqlCall c, string value, (string From, string To) table) =>
        $"translate({value}, {c.Str(table.From)}, {c.Str(table.To)})";

    /// <summary>Every scalar value except U+0000 (DuckDB text cannot hold it), in order.</summary>
    public static string AllScalars()
    {
        var sb = new StringBuilder(0x110000 * 2);
        for (int cp = 1; cp <= 0x10FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    private static (string From, string To) Build(Func<string, string> map, bool ordinalOnly)
    {
        string all = AllScalars();
        string mapped = map(all);
        var from = new StringBuilder();
        var to = new StringBuilder();
        var a = all.EnumerateRunes().GetEnumerator();
        var m = mapped.EnumerateRunes().GetEnumerator();
        while (a.MoveNext())
        {
            if (!m.MoveNext()) throw new InvalidOperationException("case mapping changed the number of scalar values");
            if (a.Current == m.Current) continue;
            string x = a.Current.ToString(), y = m.Current.ToString();
            if (ordinalOnly && !string.Equals(x, y, StringComparison.OrdinalIgnoreCase)) continue;
            from.Append(x);
            to.Append(y);
        }
        if (m.MoveNext()) throw new InvalidOperationException("case mapping changed the number of scalar values");
        return (from.ToString(), to.ToString());
    }
}
