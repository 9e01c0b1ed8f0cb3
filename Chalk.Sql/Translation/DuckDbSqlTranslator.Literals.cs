using System.Globalization;
using Chalk.Expressions;

namespace Chalk.Sql.Translation;

public static partial class DuckDbSqlTranslator
{
    private static string Literal(LiteralExpr l)
    {
        var inv = CultureInfo.InvariantCulture;
        return l.Value switch
        {
            null => $"CAST(NULL AS {T(l.Type)})",
            bool b => b ? "true" : "false",
            int i => $"CAST({i.ToString(inv)} AS INTEGER)",
            long n => $"CAST({n.ToString(inv)} AS BIGINT)",
            float f => FloatLiteral(float.IsNaN(f), float.IsInfinity(f), f < 0 || float.IsNegative(f), f.ToString("R", inv), "FLOAT"),
            double d => FloatLiteral(double.IsNaN(d), double.IsInfinity(d), d < 0 || double.IsNegative(d), d.ToString("R", inv), "DOUBLE"),
            string s => Str(s),
            DateTime t when t.Ticks % 10 != 0 => throw Refuse($"no faithful DuckDB literal for timestamp {t:O}: it is not a whole number of microseconds"),
            DateTime t => $"CAST('{t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", inv)}' AS TIMESTAMP)",
            TimeSpan d => DurationLiteral(d),
            _ => throw Refuse($"no faithful DuckDB literal for {l.Type.Name()} {l.Value}"),
        };
    }

    private static string DurationLiteral(TimeSpan d)
    {
        if (d.Ticks % TimeSpan.TicksPerMicrosecond != 0) throw Refuse($"no faithful DuckDB literal for duration {d}: it is not a whole number of microseconds");
        return $"CAST({ArrowTime.DurationToMicros(d).ToString(CultureInfo.InvariantCulture)} AS BIGINT)";
    }

    // A float literal goes through a string cast: DuckDB parses with correct rounding, keeps -0.0 (a numeric
    // literal -0.0 is a negated DECIMAL zero, i.e. +0.0) and names NaN and ±∞.
    private static string FloatLiteral(bool nan, bool inf, bool negative, string text, string type) =>
        nan ? $"CAST('nan' AS {type})"
        : inf ? $"CAST('{(negative ? "-inf" : "inf")}' AS {type})"
        : $"CAST('{text}' AS {type})";

    /// <summary>A DuckDB string literal; refuses text DuckDB's UTF-8 VARCHAR cannot hold exactly.</summary>
    private static string Str(string s)
    {
        for (int k = 0; k < s.Length; k++)
        {
            if (s[k] == '\0') throw Refuse("no faithful DuckDB literal for a string containing U+0000");
            if (char.IsHighSurrogate(s[k]) && k + 1 < s.Length && char.IsLowSurrogate(s[k + 1])) { k++; continue; }
            if (char.IsSurrogate(s[k])) throw Refuse("no faithful DuckDB literal for a string with an unpaired surrogate");
        }
        return "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
