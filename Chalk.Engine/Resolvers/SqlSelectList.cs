using System.Text;
using System.Text.RegularExpressions;

namespace Chalk.Resolvers;

/// <summary>
/// The output column names of a plain <c>select … from …</c> statement, read from its text, for sources that cannot
/// describe a statement before running it (BigQuery; SQLite expression columns).
/// </summary>
/// <remarks>
/// Returns null whenever the names are not certain (<c>with</c>, <c>*</c>, an unnamed expression such as
/// <c>count(*)</c> or <c>case … end</c>): the caller then assumes the file may return any stored feature.
/// </remarks>
internal static partial class SqlSelectList
{
    public static IReadOnlyList<string>? Columns(string sql)
    {
        var text = Mask(sql);
        if (text is null) return null;
        var select = TopLevelWord(text, "select", 0);
        if (select < 0 || text[..select].Trim().Length > 0) return null;
        int start = select + "select".Length;
        var from = TopLevelWord(text, "from", start);
        var list = text[start..(from < 0 ? text.Length : from)];
        var names = new List<string>();
        int depth = 0, itemStart = 0;
        for (int i = 0; i <= list.Length; i++)
        {
            if (i < list.Length && list[i] == '(') depth++;
            else if (i < list.Length && list[i] == ')') depth--;
            else if (i == list.Length || (list[i] == ',' && depth == 0))
            {
                // Matched on the masked text (comments blanked), the name then read from the original at the same place.
                var item = text.Substring(start + itemStart, i - itemStart).TrimEnd();
                var m = TrailingName().Match(item);
                if (!m.Success) return null;
                var name = sql.Substring(start + itemStart + m.Groups[1].Index, m.Groups[1].Length).Trim('"', '`');
                if (s_keywords.Contains(name)) return null;
                names.Add(name);
                itemStart = i + 1;
            }
        }
        return names.Count == 0 ? null : names;
    }

    private static readonly HashSet<string> s_keywords = new(StringComparer.OrdinalIgnoreCase) { "end", "null", "true", "false", "distinct", "all" };

    // An item ends in its name: `col`, `t.col`, `expr as name`, `expr name`, quoted or backticked.
    [GeneratedRegex(@"(?:^|[\s.(,])((?:[A-Za-z_][A-Za-z0-9_]*)|(?:""[^""]+"")|(?:`[^`]+`))$")]
    private static partial Regex TrailingName();

    // Blanks out comments and the inside of string literals and quoted identifiers (keeping length), so that words,
    // commas and parentheses are found only in the statement's own syntax.
    private static string? Mask(string sql)
    {
        var sb = new StringBuilder(sql);
        for (int i = 0; i < sb.Length; i++)
        {
            char c = sb[i];
            if (c == '-' && i + 1 < sb.Length && sb[i + 1] == '-')
            {
                while (i < sb.Length && sb[i] != '\n') sb[i++] = ' ';
            }
            else if (c == '/' && i + 1 < sb.Length && sb[i + 1] == '*')
            {
                int end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) return null;
                for (; i < end + 2; i++) sb[i] = ' ';
                i--;
            }
            else if (c is '\'' or '"' or '`')
            {
                int end = sql.IndexOf(c, i + 1);
                if (end < 0) return null;
                for (int j = i + 1; j < end; j++) sb[j] = 'x';
                i = end;
            }
        }
        return sb.ToString();
    }

    private static int TopLevelWord(string text, string word, int from)
    {
        int depth = 0;
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (depth == 0 && string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (i == 0 || !IsWordChar(text[i - 1])) && (i + word.Length == text.Length || !IsWordChar(text[i + word.Length])))
                return i;
        }
        return -1;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';
}
