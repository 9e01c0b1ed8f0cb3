using System.Globalization;
using System.Text;

namespace Chalk.Expressions;

/// <summary>A string written as a double-quoted literal with C-style escapes (<c>\"</c>, <c>\\</c>, <c>\n</c>,
/// <c>\r</c>, <c>\t</c>, <c>\uXXXX</c> for other control characters): how the IR printer shows string literals and
/// how result tables show a string that would otherwise read as another value.</summary>
internal static class StringLiteral
{
    /// <summary>Appends <paramref name="s"/> as a quoted, escaped literal.</summary>
    public static void Write(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(ch)) sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(ch);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary><paramref name="s"/> as a quoted, escaped literal.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        Write(sb, s);
        return sb.ToString();
    }
}
