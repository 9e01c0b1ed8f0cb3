namespace Chalk.Sql.Sources;

/// <summary>Lexical helpers for embedding a resolver's statement inside a larger one.</summary>
internal static class SqlStatementText
{
    /// <summary>The statement without a final <c>;</c> and without trailing whitespace or comments after it.</summary>
    /// <remarks>Skips quoted strings and identifiers (<c>'…'</c>, <c>"…"</c>, <c>`…`</c>), line comments
    /// (<c>--</c>) and block comments, so a semicolon or dash inside them is left alone.</remarks>
    public static string TrimTerminator(string sql)
    {
        int lastSignificant = -1;
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                int end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                int end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c is '\'' or '"' or '`')
            {
                int end = i + 1;
                while (end < sql.Length)
                {
                    if (sql[end] == c)
                    {
                        if (end + 1 < sql.Length && sql[end + 1] == c) { end += 2; continue; }
                        break;
                    }
                    end++;
                }
                lastSignificant = Math.Min(end, sql.Length - 1);
                i = end + 1;
            }
            else
            {
                if (!char.IsWhiteSpace(c)) lastSignificant = i;
                i++;
            }
        }
        if (lastSignificant >= 0 && sql[lastSignificant] == ';') return sql[..lastSignificant];
        return sql;
    }
}
