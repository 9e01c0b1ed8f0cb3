using System.Text;

namespace Chalk.Definitions;

/// <summary>Turns C# member names into snake_case feature names.</summary>
public static class FeatureNames
{
    /// <summary><c>IsExpensive</c> → <c>is_expensive</c>, <c>HTTPCode</c> → <c>http_code</c>, <c>Sha256Hash</c> → <c>sha256_hash</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (sb.Length > 0 && sb[^1] != '_' && (prevLowerOrDigit || acronymEnd)) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Why <paramref name="name"/> cannot name a feature or a feature class, or null when it can.</summary>
    /// <remarks>A name is one step of a path such as <c>review.user.name</c>, so it may not hold what paths, window
    /// suffixes (<c>count[30d]</c>), <c>name=value</c> inputs, lists and SQL placeholders (<c>${a.b}</c>) use as punctuation:
    /// dots, brackets, <c>=</c>, commas, braces, white space and control characters.</remarks>
    internal static string? Invalid(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "is empty";
        foreach (char c in name)
        {
            string? why = c switch
            {
                '.' => "'.', which separates the steps of a feature path",
                '[' or ']' => $"'{c}', which the engine uses for window suffixes such as count[30d]",
                '=' => "'=', which separates name and value in inputs such as user.id=1",
                ',' => "',', which separates names in lists",
                '{' or '}' => $"'{c}', which delimits ${{path}} placeholders in SQL files",
                _ when char.IsWhiteSpace(c) => "white space",
                _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
                _ => null,
            };
            if (why is not null) return "contains " + why;
        }
        return null;
    }
}
