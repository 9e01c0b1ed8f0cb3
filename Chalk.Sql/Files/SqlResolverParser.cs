using System.Globalization;
using System.Text.RegularExpressions;

namespace Chalk.Sql.Files;

/// <summary>Parses the text of a <c>*.chalk.sql</c> file: its comment header and its SQL body.</summary>
/// <remarks>
/// The header is the run of <c>--</c> comment lines (and blank lines) before the first SQL line. A header
/// line of the form <c>-- key: value</c> whose key is a single word sets that key; any other comment is free text.
/// </remarks>
public static partial class SqlResolverParser
{
    /// <summary>The header keys a file may set.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["resolves", "source", "type", "count", "description"];

    /// <summary>Parses <paramref name="text"/>, read from <paramref name="path"/>.</summary>
    /// <exception cref="ChalkDefinitionException">The header or a placeholder is malformed; the message names the file and line.</exception>
    public static SqlResolverFile Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var headers = new Dictionary<string, HeaderValue>(StringComparer.Ordinal);
        int bodyStart = lines.Length;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (!line.StartsWith("--", StringComparison.Ordinal)) { bodyStart = i; break; }
            ReadHeaderLine(path, line[2..].Trim(), i + 1, headers);
        }

        if (!headers.TryGetValue("resolves", out var resolves))
            throw new ChalkDefinitionException("missing '-- resolves: <FeatureClass>' header", path, 1);
        var kind = SqlResolverKind.Online;
        if (headers.TryGetValue("type", out var type))
        {
            kind = type.Value.ToLowerInvariant() switch
            {
                "online" => SqlResolverKind.Online,
                "offline" => SqlResolverKind.Offline,
                _ => throw new ChalkDefinitionException($"'-- type: {type.Value}' is not a resolver type; use 'online' or 'offline'", path, type.Line),
            };
        }
        int? count = null;
        if (headers.TryGetValue("count", out var countValue))
        {
            if (countValue.Value != "1")
                throw new ChalkDefinitionException($"'-- count: {countValue.Value}' is not supported; the only count is 1 (at most one row per input)", path, countValue.Line);
            count = 1;
        }
        if (bodyStart >= lines.Length)
            throw new ChalkDefinitionException("the file has a header but no SQL statement", path, lines.Length);

        var (template, placeholders) = SqlBodyScanner.Scan(path, lines, bodyStart);
        return new SqlResolverFile(path, resolves, headers.TryGetValue("source", out var s) ? s : null, kind, count,
            headers.TryGetValue("description", out var d) ? d.Value : null, template, placeholders, bodyStart + 1, lines);
    }

    private static void ReadHeaderLine(string path, string comment, int line, Dictionary<string, HeaderValue> headers)
    {
        var match = HeaderLine().Match(comment);
        if (!match.Success) return;
        var key = match.Groups[1].Value.ToLowerInvariant();
        var value = match.Groups[2].Value.Trim();
        if (!Keys.Contains(key))
        {
            var hint = Suggest.Nearest(key, Keys);
            throw new ChalkDefinitionException(
                $"unknown header key '{key}'" + (hint is null ? $"; valid keys are {string.Join(", ", Keys)}" : $"; did you mean '{hint}'?"), path, line);
        }
        if (headers.TryGetValue(key, out var earlier))
            throw new ChalkDefinitionException($"header '{key}' is set twice (first on line {earlier.Line.ToString(CultureInfo.InvariantCulture)})", path, line);
        if (value.Length == 0 && key != "description")
            throw new ChalkDefinitionException($"header '{key}' has no value", path, line);
        if (key == "resolves" && !Identifier().IsMatch(value))
            throw new ChalkDefinitionException($"'-- resolves: {value}' must name one feature class, e.g. '-- resolves: User'", path, line);
        headers[key] = new HeaderValue(value, line);
    }

    [GeneratedRegex(@"^([A-Za-z_]+)\s*:(.*)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
