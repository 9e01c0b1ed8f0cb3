using Chalk.Sql.Templates;

namespace Chalk.Sql.Files;

/// <summary>Splits a SQL body into text and <c>${feature.path}</c> parameter slots, skipping comments and string literals.</summary>
internal static class SqlBodyScanner
{
    public static (SqlTemplate Template, IReadOnlyList<SqlPlaceholder> Placeholders) Scan(string path, string[] lines, int bodyStart)
    {
        var segments = new List<SqlSegment>();
        var placeholders = new List<SqlPlaceholder>();
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = new System.Text.StringBuilder();
        bool inString = false, inBlockComment = false;
        for (int li = bodyStart; li < lines.Length; li++)
        {
            var line = lines[li];
            int lineNo = li + 1;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (inBlockComment)
                {
                    text.Append(c);
                    if (c == '*' && i + 1 < line.Length && line[i + 1] == '/') { text.Append('/'); i++; inBlockComment = false; }
                    continue;
                }
                if (inString)
                {
                    if (c == '$' && i + 1 < line.Length && line[i + 1] == '{')
                        throw new ChalkDefinitionException("a ${…} placeholder inside a quoted string would not be bound; write it without quotes (its value is bound as a typed parameter)", path, lineNo);
                    text.Append(c);
                    if (c == '\'') inString = false;
                    continue;
                }
                if (c == '-' && i + 1 < line.Length && line[i + 1] == '-') { text.Append(line, i, line.Length - i); break; }
                if (c == '/' && i + 1 < line.Length && line[i + 1] == '*') { text.Append("/*"); i++; inBlockComment = true; continue; }
                if (c == '\'') { inString = true; text.Append(c); continue; }
                if (c == '$' && i + 1 < line.Length && line[i + 1] == '{')
                {
                    int close = line.IndexOf('}', i + 2);
                    if (close < 0) throw new ChalkDefinitionException("unclosed '${' placeholder; write ${class.feature}", path, lineNo);
                    var name = line[(i + 2)..close].Trim();
                    if (!IsFeaturePath(name))
                        throw new ChalkDefinitionException($"placeholder '${{{name}}}' must name a feature as class.feature, e.g. ${{user.id}}", path, lineNo);
                    if (!slots.TryGetValue(name, out int slot))
                    {
                        slot = slots.Count;
                        slots[name] = slot;
                        placeholders.Add(new SqlPlaceholder(name, slot, lineNo));
                    }
                    if (text.Length > 0) { segments.Add(SqlSegment.Literal(text.ToString())); text.Clear(); }
                    segments.Add(SqlSegment.Parameter(slot));
                    i = close;
                    continue;
                }
                text.Append(c);
            }
            text.Append('\n');
        }
        var body = text.ToString().TrimEnd();
        if (body.EndsWith(';')) body = body[..^1];
        if (body.Length > 0) segments.Add(SqlSegment.Literal(body));
        return (new SqlTemplate(segments, slots.Count), placeholders);
    }

    private static bool IsFeaturePath(string name)
    {
        var parts = name.Split('.');
        return parts.Length >= 2 && parts.All(p => p.Length > 0 && (char.IsLetter(p[0]) || p[0] == '_') && p.All(ch => char.IsLetterOrDigit(ch) || ch == '_'));
    }
}
